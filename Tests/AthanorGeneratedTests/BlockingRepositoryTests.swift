import Athanor
import Foundation
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// The blocking repositories, on a thread of their own, on the pool and in a transaction.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct BlockingRepositoryTests {
        @Test func everyMethod() async throws {
            try await ShopDatabase.with { pool in
                try await onThread {
                    let users = UserBlockingRepository(pool)
                    let ada = try users.create(User(email: "ada@example.com", name: "Ada"))
                    #expect(try users.get(ada.id) == ada)
                    #expect(try users.find(email: "ada@example.com")?.id == ada.id)
                    let many = try users.createMany([User(email: "b@example.com", name: "B"), User(email: "c@example.com", name: "C")])
                    #expect(try users.count() == 3)
                    #expect(try users.exists(where: User.columns.name == "B"))
                    #expect(try users.list(orderBy: [User.columns.email.ascending], limit: 1).map(\.name) == ["Ada"])
                    #expect(try users.listAndCount(limit: 1).total == 3)
                    var renamed = ada
                    renamed.name = "Ada L."
                    #expect(try users.update(renamed).name == "Ada L.")
                    #expect(try users.updateMany(many).count == 2)
                    let upserted = try users.upsert(User(email: "ada@example.com", name: "Ada Lovelace"), matching: .email)
                    #expect(upserted.id == ada.id)
                    #expect(try users.upsertMany([User(email: "d@example.com", name: "D")], matching: .email).count == 1)
                    #expect(try users.delete(ada.id))
                    #expect(try users.deleteMany(many.map(\.id)) == 2)
                    #expect(try users.deleteWhere(.all) == 1)
                    _ = try pool.transactionBlocking { tx in
                        try UserBlockingRepository(tx).create(User(email: "tx@example.com", name: "Tx"))
                    }
                    #expect(try users.count() == 1)
                    #expect(throws: RecordNotFound.self) { try users.get(UUID()) }
                }
            }
        }
    }
}
