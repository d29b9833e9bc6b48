/// A migration of a target's `migrations/` folder, as the generated `AthanorSchema.migrations`
/// embeds it: its id (the folder's name) and each dialect's file text, byte for byte, so the
/// checksum the runtime records is the file's.
public struct EmbeddedMigration: Sendable, Hashable {
    /// The folder's name: `20261204_093000_add_nickname`.
    public var id: String
    /// The text of `postgresql.sql` and `cockroachdb.sql`, where present.
    public var sql: [SQLDialect: String]

    /// Creates an embedded migration.
    public init(id: String, sql: [SQLDialect: String]) {
        self.id = id
        self.sql = sql
    }
}
