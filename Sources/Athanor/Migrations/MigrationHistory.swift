/// A row of the history table: a migration applied (or, in per-statement mode, being applied).
public struct AppliedMigration: Sendable, Hashable {
    /// The migration's id.
    public var id: String
    /// Its name (the id without the timestamp).
    public var name: String
    /// SHA-256 of the SQL file that was applied.
    public var checksum: String
    /// When it was completed, as the server prints it; nil while incomplete.
    public var appliedAt: String?
    /// How long it took to apply, in milliseconds; nil while incomplete.
    public var durationMilliseconds: Int64?
    /// How many of its statements have run.
    public var statementsApplied: Int
    /// How many statements it has.
    public var statementsTotal: Int
    /// Per-statement mode: SHA-256 of the statements that ran (``Migration/prefixChecksum(for:statements:)``),
    /// so a migration that stopped half way may have its failed statement fixed before the rerun.
    public var appliedChecksum: String?

    /// Creates a row.
    public init(id: String, name: String, checksum: String, appliedAt: String?, durationMilliseconds: Int64?,
                statementsApplied: Int, statementsTotal: Int, appliedChecksum: String? = nil) {
        self.id = id
        self.name = name
        self.checksum = checksum
        self.appliedAt = appliedAt
        self.durationMilliseconds = durationMilliseconds
        self.statementsApplied = statementsApplied
        self.statementsTotal = statementsTotal
        self.appliedChecksum = appliedChecksum
    }

    /// Whether every statement ran and the migration was recorded as done.
    public var isComplete: Bool { appliedAt != nil }
}

/// The history table's SQL: created if missing, read whole, written one row per migration.
///
/// ```sql
/// CREATE TABLE IF NOT EXISTS athanor_migrations (
///     id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
///     started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_at TIMESTAMPTZ, duration_ms BIGINT,
///     statements_applied INTEGER NOT NULL DEFAULT 0, statements_total INTEGER NOT NULL, applied_checksum TEXT)
/// ```
struct MigrationHistory: Sendable {
    let table: String

    private var quoted: String { SQLIdentifier.quoted(table) }

    var createStatement: String {
        """
        CREATE TABLE IF NOT EXISTS \(quoted) (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            applied_at TIMESTAMPTZ,
            duration_ms BIGINT,
            statements_applied INTEGER NOT NULL DEFAULT 0,
            statements_total INTEGER NOT NULL,
            applied_checksum TEXT
        )
        """
    }

    func exists(_ connection: Connection) throws(AthanorError) -> Bool {
        let rows: Rows = try connection.query(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1", [table])
        return try rows[0].decode(Int64.self, at: 0) > 0
    }

    func read(_ connection: Connection) throws(AthanorError) -> [AppliedMigration] {
        let rows: Rows = try connection.query("""
            SELECT id, name, checksum, applied_at::TEXT, duration_ms, statements_applied::BIGINT, statements_total::BIGINT,
                   applied_checksum
            FROM \(quoted) ORDER BY id
            """)
        var applied: [AppliedMigration] = []
        for row in rows {
            applied.append(AppliedMigration(
                id: try row.decode(String.self, at: 0), name: try row.decode(String.self, at: 1),
                checksum: try row.decode(String.self, at: 2),
                appliedAt: row.isNull(at: 3) ? nil : try row.decode(String.self, at: 3),
                durationMilliseconds: row.isNull(at: 4) ? nil : try row.decode(Int64.self, at: 4),
                statementsApplied: Int(try row.decode(Int64.self, at: 5)), statementsTotal: Int(try row.decode(Int64.self, at: 6)),
                appliedChecksum: row.isNull(at: 7) ? nil : try row.decode(String.self, at: 7)))
        }
        return applied
    }

    /// A completed row (transactional mode, inside the migration's last transaction).
    func insertCompleted(_ migration: Migration, checksum: String, statements: Int, milliseconds: Int64,
                         on connection: Connection) throws(AthanorError) {
        try connection.execute("""
            INSERT INTO \(quoted) (id, name, checksum, applied_at, duration_ms, statements_applied, statements_total)
            VALUES ($1, $2, $3, now(), $4, $5, $5)
            """, [migration.id, migration.name, checksum, milliseconds, Int64(statements)])
    }

    /// An incomplete row, before the first statement (per-statement mode).
    func insertStarted(_ migration: Migration, checksum: String, statements: Int, on connection: Connection) throws(AthanorError) {
        try connection.execute("""
            INSERT INTO \(quoted) (id, name, checksum, statements_applied, statements_total) VALUES ($1, $2, $3, 0, $4)
            """, [migration.id, migration.name, checksum, Int64(statements)])
    }

    func recordProgress(_ id: String, statementsApplied: Int, appliedChecksum: String, on connection: Connection) throws(AthanorError) {
        try connection.execute("UPDATE \(quoted) SET statements_applied = $2, applied_checksum = $3 WHERE id = $1",
                               [id, Int64(statementsApplied), appliedChecksum])
    }

    /// A resumed migration whose file changed after the statements that ran (its failed statement
    /// fixed): the row takes the new file's checksum and count.
    func recordRevision(_ id: String, checksum: String, statements: Int, on connection: Connection) throws(AthanorError) {
        try connection.execute("UPDATE \(quoted) SET checksum = $2, statements_total = $3 WHERE id = $1", [id, checksum, Int64(statements)])
    }

    func recordCompleted(_ id: String, milliseconds: Int64, on connection: Connection) throws(AthanorError) {
        try connection.execute("UPDATE \(quoted) SET applied_at = now(), duration_ms = $2 WHERE id = $1", [id, milliseconds])
    }
}
