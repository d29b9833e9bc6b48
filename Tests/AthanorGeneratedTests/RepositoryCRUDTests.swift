import Athanor
import Foundation
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// get / find / create / update / delete of the generated repositories, on a real server, each
    /// test body in both forms (async and blocking).
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryCRUDTests {
        @Test(arguments: Form.allCases)
        func createGetFindExistsCountDelete(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                let ada = try await users.create(User(email: "ada@example.com", name: "Ada", nickname: "countess", roles: ["admin", "a,b \"q\""]))
                #expect(ada.email == "ada@example.com" && ada.nickname == "countess" && ada.roles == ["admin", "a,b \"q\""])
                #expect(ada.createdAt == ada.updatedAt)
                #expect(try await users.get(ada.id) == ada)
                #expect(try await users.call({ try await $0.find(email: "ada@example.com") }, { try $0.find(email: "ada@example.com") }) == ada)
                #expect(try await users.call({ try await $0.find(email: "nobody@example.com") }, { try $0.find(email: "nobody@example.com") }) == nil)
                #expect(try await users.exists(where: User.columns.email == "ada@example.com"))
                #expect(try await !users.exists(where: User.columns.email == "nobody@example.com"))
                #expect(try await users.count() == 1)
                let missing = UUID()
                await #expect(throws: RecordNotFound.self) { try await users.get(missing) }
                #expect(try await users.delete(ada.id))
                #expect(try await !users.delete(ada.id))
                #expect(try await users.count() == 0)
            }
        }

        @Test(arguments: Form.allCases)
        func updateKeepsIDAndCreatedAtAndMovesUpdatedAt(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                var grace = try await users.create(User(email: "grace@example.com", name: "Grace"))
                try await Task.sleep(for: .milliseconds(20))
                grace.name = "Grace Hopper"
                grace.loginCount = 3
                grace.createdAt = Date(timeIntervalSince1970: 0)
                let updated = try await users.update(grace)
                #expect(updated.name == "Grace Hopper" && updated.loginCount == 3 && updated.id == grace.id)
                #expect(updated.createdAt != Date(timeIntervalSince1970: 0))
                #expect(updated.updatedAt > updated.createdAt)
                let missing = User(email: "x@example.com", name: "X")
                do {
                    try await users.update(missing)
                    Issue.record("an update of a missing row returned")
                } catch let error as RecordNotFound {
                    #expect(error.description == "no User with id \(missing.id)")
                }
            }
        }

        @Test(arguments: Form.allCases)
        func manyAtOnce(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self, batchSize: 2)
                let created = try await users.createMany((0..<5).map { User(email: "u\($0)@example.com", name: "U\($0)", roles: $0 == 0 ? [] : ["r\($0)"]) })
                #expect(created.count == 5)
                #expect(Set(created.map(\.roles)) == [[], ["r1"], ["r2"], ["r3"], ["r4"]])
                let renamed = try await users.updateMany(created.map { var user = $0; user.name += "!"; return user })
                #expect(renamed.allSatisfy { $0.name.hasSuffix("!") } && renamed.count == 5)
                #expect(try await users.deleteMany(Array(created.prefix(2).map(\.id))) == 2)
                #expect(try await users.deleteWhere(User.columns.email == "u2@example.com") == 1)
                #expect(try await users.deleteWhere(.all) == 2)
                #expect(try await users.createMany([]).isEmpty)
                #expect(try await users.updateMany([]).isEmpty)
            }
        }

        @Test(arguments: Form.allCases)
        func sequentialIDsAreAssignedByTheDatabase(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let events = form.repository(pool, of: AuditEvent.self)
                let first = try await events.create(AuditEvent(action: "login", payload: JSONB(json: #"{"ip": "::1"}"#)))
                let second = try await events.create(AuditEvent(action: "logout", payload: JSONB(json: "[]"), actorID: UUID()))
                let firstID = try #require(first.id)
                #expect(try #require(second.id) > firstID)
                #expect(try await events.get(firstID).action == "login")
                var changed = first
                changed.action = "login again"
                #expect(try await events.upsert(changed, matching: .id).action == "login again")
                #expect(try await events.count() == 2)
                #expect(try await events.deleteMany([firstID]) == 1)
            }
        }

        @Test(arguments: Form.allCases)
        func repositoriesJoinTheTransactionTheyAreGiven(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                struct Abort: Error {}
                await #expect(throws: Abort.self) {
                    try await form.transaction(pool, { tx in
                        try await UserRepository(tx).create(User(email: "tx@example.com", name: "In a transaction"))
                        #expect(try await UserRepository(tx).count() == 1)
                        throw Abort()
                    }, { tx in
                        try UserBlockingRepository(tx).create(User(email: "tx@example.com", name: "In a transaction"))
                        #expect(try UserBlockingRepository(tx).count() == 1)
                        throw Abort()
                    })
                }
                let users = form.repository(pool, of: User.self)
                #expect(try await users.count() == 0)
                try await form.transaction(pool, { tx in
                    let user = try await UserRepository(tx).create(User(email: "tx@example.com", name: "Committed"))
                    try await OrderRepository(tx).create(Order(customerID: user.id, externalRef: "A-1", totalCents: 100))
                    // Several chunks inside the transaction: part of it, no transaction of their own.
                    try await OrderRepository(tx, batchSize: 1).createMany((2...3).map { Order(customerID: user.id, externalRef: "A-\($0)", totalCents: 1) })
                }, { tx in
                    let user = try UserBlockingRepository(tx).create(User(email: "tx@example.com", name: "Committed"))
                    try OrderBlockingRepository(tx).create(Order(customerID: user.id, externalRef: "A-1", totalCents: 100))
                    try OrderBlockingRepository(tx, batchSize: 1).createMany((2...3).map { Order(customerID: user.id, externalRef: "A-\($0)", totalCents: 1) })
                })
                #expect(try await form.repository(pool, of: Order.self).count() == 3)
            }
        }

        /// On a bare connection: each call runs on it, and a bulk write of several chunks is one
        /// BEGIN ... COMMIT there.
        @Test(arguments: Form.allCases)
        func onABareConnection(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let connection = try await Connection.connect(to: pool.url)
                defer { connection.close() }
                let users = form.repository(connection, of: User.self, batchSize: 2)
                let created = try await users.createMany((0..<5).map { User(email: "c\($0)@example.com", name: "C") })
                #expect(created.count == 5)
                #expect(try await users.listAndCount(orderBy: [User.columns.email.ascending], limit: 2).total == 5)
                #expect(try await users.copyMany([User(email: "copied@example.com", name: "C")]) == 1)
                #expect(try await form.repository(pool, of: User.self).count() == 6)
            }
        }
    }
}
