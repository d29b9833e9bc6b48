/// Drift: how a live database differs from what a schema's DDL creates.
///
/// The expected catalog comes from the DDL itself, run in a scratch schema inside a transaction
/// that is rolled back (PostgreSQL's DDL is transactional), so both sides are read by the same
/// catalog queries and spelled by the same server: nothing is compared by text that one side
/// wrote and the other parsed. Not run on a CockroachDB cluster yet.
///
/// ```swift
/// let drift = try await SchemaDrift.differences(expecting: AthanorSchema.script(for: .postgresql).statements, on: pool)
/// // ["table users: column nickname: missing (expected: text)"]
/// ```
public enum SchemaDrift {
    /// Every difference between the pool's database (its current schema, the migration tables
    /// aside) and what `statements` create in an empty schema; empty when there is no drift.
    public static func differences(expecting statements: [String], on pool: ConnectionPool,
                                   historyTable: String = "athanor_migrations") async throws -> [String] {
        try await pool.withConnection { connection in
            try await connection.perform(cancellable: false) { connection throws(AthanorError) in
                try differences(expecting: statements, on: connection, historyTable: historyTable)
            }
        }
    }

    static func differences(expecting statements: [String], on connection: Connection,
                            historyTable: String) throws(AthanorError) -> [String] {
        let excluded: Set<String> = [historyTable, historyTable + "_lock"]
        let live = try DatabaseCatalog.read(connection, excluding: excluded)
        let expected = try shadowCatalog(statements, on: connection, excluding: excluded)
        return live.differences(from: expected)
    }

    /// The catalog `statements` create in a scratch schema, rolled back.
    static func shadowCatalog(_ statements: [String], on connection: Connection,
                              excluding: Set<String>) throws(AthanorError) -> DatabaseCatalog {
        let schema = "athanor_shadow_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        try connection.executeScript("BEGIN")
        do {
            try connection.executeScript("CREATE SCHEMA \(schema)")
            try connection.executeScript("SET LOCAL search_path TO \(schema)")
            for statement in statements { try connection.executeScript(statement) }
            let catalog = try DatabaseCatalog.read(connection, excluding: excluding)
            try connection.executeScript("ROLLBACK")
            return catalog
        } catch {
            _ = try? connection.executeScript("ROLLBACK")
            throw error
        }
    }
}
