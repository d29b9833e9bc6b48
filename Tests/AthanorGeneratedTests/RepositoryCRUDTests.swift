import Athanor
import Foundation
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// get / find / create / update / delete of the generated repositories, on a real server.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryCRUDTests {
        @Test func createGetFindExistsCountDelete() async throws {
            try await ShopDatabase.with { pool in
                let users = UserRepository(pool)
                let ada = try await users.create(User(email: "ada@example.com", name: "Ada", nickname: "countess", roles: ["admin", "a,b \"q\""]))
                #expect(ada.email == "ada@example.com" && ada.nickname == "countess" && ada.roles == ["admin", "a,b \"q\""])
                #expect(ada.createdAt == ada.updatedAt)
                #expect(try await users.get(ada.id) == ada)
                #expect(try await users.find(email: "ada@example.com") == ada)
                #expect(try await users.find(email: "nobody@example.com") == nil)
                #expect(try await users.exists(where: User.columns.email == "ada@example.com"))
                #expect(try await users.count() == 1)
                let missing = UUID()
                await #expect(throws: RecordNotFound.self) { try await users.get(missing) }
                #expect(try await users.delete(ada.id))
                #expect(try await !users.delete(ada.id))
                #expect(try await users.count() == 0)
            }
        }

        @Test func updateKeepsIDAndCreatedAtAndMovesUpdatedAt() async throws {
            try await ShopDatabase.with { pool in
                let users = UserRepository(pool)
                var grace = try await users.create(User(email: "grace@example.com", name: "Grace"))
                try await Task.sleep(for: .milliseconds(20))
                grace.name = "Grace Hopper"
                grace.loginCount = 3
                grace.createdAt = Date(timeIntervalSince1970: 0)
                let updated = try await users.update(grace)
                #expect(updated.name == "Grace Hopper" && updated.loginCount == 3 && updated.id == grace.id)
                #expect(updated.createdAt != Date(timeIntervalSince1970: 0))
                #expect(updated.updatedAt > updated.createdAt)
                await #expect(throws: RecordNotFound.self) { try await users.update(User(email: "x@example.com", name: "X")) }
            }
        }

        @Test func manyAtOnce() async throws {
            try await ShopDatabase.with { pool in
                let users = UserRepository(pool, batchSize: 2)
                let created = try await users.createMany((0..<5).map { User(email: "u\($0)@example.com", name: "U\($0)", roles: $0 == 0 ? [] : ["r\($0)"]) })
                #expect(created.count == 5)
                #expect(Set(created.map(\.roles)) == [[], ["r1"], ["r2"], ["r3"], ["r4"]])
                let renamed = try await users.updateMany(created.map { var user = $0; user.name += "!"; return user })
                #expect(renamed.allSatisfy { $0.name.hasSuffix("!") } && renamed.count == 5)
                #expect(try await users.deleteMany(Array(created.prefix(2).map(\.id))) == 2)
                #expect(try await users.deleteWhere(User.columns.email == "u2@example.com") == 1)
                #expect(try await users.deleteWhere(.all) == 2)
                #expect(try await users.createMany([]).isEmpty)
            }
        }

        @Test func sequentialIDsAreAssignedByTheDatabase() async throws {
            try await ShopDatabase.with { pool in
                let events = AuditEventRepository(pool)
                let first = try await events.create(AuditEvent(action: "login", payload: JSONB(json: #"{"ip": "::1"}"#)))
                let second = try await events.create(AuditEvent(action: "logout", payload: JSONB(json: "[]"), actorID: UUID()))
                let firstID = try #require(first.id)
                #expect(try #require(second.id) > firstID)
                #expect(try await events.get(firstID).action == "login")
                var changed = first
                changed.action = "login again"
                #expect(try await events.upsert(changed, matching: .id).action == "login again")
                #expect(try await events.count() == 2)
            }
        }

        @Test func repositoriesJoinTheTransactionTheyAreGiven() async throws {
            try await ShopDatabase.with { pool in
                struct Abort: Error {}
                await #expect(throws: Abort.self) {
                    try await pool.transaction { tx in
                        try await UserRepository(tx).create(User(email: "tx@example.com", name: "In a transaction"))
                        #expect(try await UserRepository(tx).count() == 1)
                        throw Abort()
                    }
                }
                #expect(try await UserRepository(pool).count() == 0)
                try await pool.transaction { tx in
                    let user = try await UserRepository(tx).create(User(email: "tx@example.com", name: "Committed"))
                    try await OrderRepository(tx).create(Order(customerID: user.id, externalRef: "A-1", totalCents: 100))
                }
                #expect(try await OrderRepository(pool).count() == 1)
            }
        }
    }
}
