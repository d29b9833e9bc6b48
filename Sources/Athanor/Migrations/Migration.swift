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

    /// The statements of `dialect` (`MigrationScript.init(parsing:)`), or nil when the
    /// migration has no SQL for it.
    public func script(for dialect: SQLDialect) -> MigrationScript? {
        sql[dialect].map(MigrationScript.init(parsing:))
    }

    /// SHA-256 of the dialect's file text: what the history table records.
    public func checksum(for dialect: SQLDialect) -> String? {
        sql[dialect].map(SHA256.hex(of:))
    }

    /// SHA-256 of the first `count` statements of the dialect's script, each followed by a line
    /// break: what per-statement mode records as statements run, so a rerun can tell that the
    /// statements already applied are unchanged when the rest of the file was edited.
    public func prefixChecksum(for dialect: SQLDialect, statements count: Int) -> String? {
        script(for: dialect).map { script in SHA256.hex(of: script.statements.prefix(count).map { $0.sql + "\n" }.joined()) }
    }
}
