/// One migration the code knows: its id (the folder name, `20261204_093000_add_nickname`) and
/// its SQL for each dialect, as `athanor migrate diff` or a person wrote it.
///
/// ```swift
/// let migration = Migration(id: "20261204_093000_add_nickname",
///                           sql: [.postgresql: "ALTER TABLE users ADD COLUMN nickname TEXT;"])
/// ```
public struct Migration: Sendable, Hashable {
    /// The id, which orders migrations (byte order) and keys the history table.
    public var id: String
    /// The file text of each dialect that has one.
    public var sql: [SQLDialect: String]

    /// Creates a migration.
    public init(id: String, sql: [SQLDialect: String]) {
        self.id = id
        self.sql = sql
    }

    /// The id without its leading numeric parts: `add_nickname`.
    public var name: String {
        var parts = id.split(separator: "_", omittingEmptySubsequences: false)[...]
        while parts.count > 1, let first = parts.first, !first.isEmpty, first.allSatisfy(\.isNumber) { parts = parts.dropFirst() }
        return parts.joined(separator: "_")
    }

    /// The statements of `dialect` (``MigrationScript/init(parsing:)``), or nil when the
    /// migration has no SQL for it.
    public func script(for dialect: SQLDialect) -> MigrationScript? {
        sql[dialect].map(MigrationScript.init(parsing:))
    }

    /// SHA-256 of the dialect's file text: what the history table records.
    public func checksum(for dialect: SQLDialect) -> String? {
        sql[dialect].map(SHA256.hex(of:))
    }
}
