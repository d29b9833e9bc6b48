import Athanor
import AthanorTesting
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// A bulk write of several chunks runs them pipelined, two on the wire at a time, in one
    /// transaction: a chunk the server refuses fails the whole call with its typed error (the
    /// chunk sent after it is drained, nothing is written), and the connection serves the next
    /// call.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryPipelinedChunksTests {
        static func user(_ index: Int) -> User {
            User(email: "pipelined-\(index)@example.com", name: "Pipelined \(index)")
        }

        @Test(arguments: Form.allCases)
        func aRefusedChunkFailsTheCallWritesNothingAndLeavesTheConnectionUsable(_ form: Form) async throws {
            try await TestDatabase.with(.shopFixture, poolSize: 1) { database in
                // One connection: the call after the failure must run on the very connection
                // whose pipeline failed.
                let users = form.repository(database.pool, of: User.self, batchSize: 100)
                _ = try await users.create(Self.user(150))
                // 5 chunks of 100: the server refuses the second (row 150 exists), while the
                // third is already on the wire.
                let values = (0..<500).map(Self.user)
                await #expect {
                    _ = try await users.createMany(values)
                } throws: { error in
                    (error as? AthanorError)?.isUniqueViolation == true
                }
                #expect(try await users.count() == 1)

                let written = try await users.createMany((0..<500).filter { $0 != 150 }.map(Self.user))
                #expect(written.count == 499)
                #expect(written.map(\.email) == (0..<500).filter { $0 != 150 }.map { Self.user($0).email })
                #expect(try await users.count() == 500)
            }
        }

        @Test(arguments: Form.allCases)
        func everyChunkComesBackInOrder(_ form: Form) async throws {
            try await TestDatabase.with(.shopFixture, poolSize: 1) { database in
                let users = form.repository(database.pool, of: User.self, batchSize: 7)
                // 7 rows per chunk, 43 chunks, the last one short.
                let values = (0..<300).map(Self.user)
                let stored = try await users.upsertMany(values, matching: .email)
                #expect(stored.map(\.email) == values.map(\.email))
                let again = try await users.upsertMany(values.map { value in
                    var value = value
                    value.loginCount = 7
                    return value
                }, matching: .email)
                #expect(again.map(\.id) == stored.map(\.id))
                #expect(try await users.count(where: User.columns.loginCount == 7) == 300)
            }
        }
    }
}

extension GeneratedCodeOnTheServer.RepositoryPipelinedChunksTests {
    /// W2's sequence on one connection: a COPY, a TRUNCATE, then 10,000 rows in two pipelined chunks.
    @Test func aCopyThenPipelinedChunksOnOneConnection() async throws {
        try await TestDatabase.with(.shopFixture, poolSize: 1) { database in
            let users = UserRepository(database.pool)
            #expect(try await users.copyMany((0..<10_000).map(Self.user)) == 10_000)
            try await database.pool.execute("TRUNCATE users CASCADE")
            let stored = try await users.createMany((0..<10_000).map(Self.user))
            #expect(stored.count == 10_000)
        }
    }
}
