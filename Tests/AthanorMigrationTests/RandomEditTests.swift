import Athanor
import AthanorCompiler
import Testing

/// A seeded, bounded property test: random sequences of schema edits, each migrated on a
/// database holding rows (one inserted per table after every step) and compared with
/// `createTables` of the same schema.
@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct RandomEditTests {
    static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]
    static let steps = 12

    @Test(arguments: RandomEditTests.seeds)
    func randomEditsMigrateToWhatCreateTablesGives(seed: UInt64) async throws {
        try await TestDatabase.with { db in
            let pool = ConnectionPool(url: db.url, configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
            var random = SplitMix64(state: seed)
            var schema = RandomSchema()
            var chain = MigrationChain()
            var history: [String] = []
            for step in 0..<Self.steps {
                let edits = (0..<3).map { _ in schema.edit(&random) }
                history.append("step \(step): " + edits.joined(separator: "; "))
                _ = try chain.next(schema.text, name: "s\(seed)_\(step)")
                try await chain.applyAndCompare(schema.text, on: pool)
                try await insertARowIntoEveryTable(on: pool)
                schema.settle()
            }
            #expect(chain.migrations.count >= Self.steps / 2, "\(history.joined(separator: "\n"))")
            await pool.close()
        }
    }

    func insertARowIntoEveryTable(on pool: ConnectionPool) async throws {
        let rows = try await pool.query("SELECT tablename::TEXT FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'athanor_migrations'",
                                        [], idempotent: true)
        for row in rows {
            let table = try row.decode(String.self, at: 0)
            try await pool.execute("INSERT INTO \(SQLIdentifier.quoted(table)) DEFAULT VALUES", [])
        }
    }
}
