/// What an apply will do, decided before any statement runs: the migrations to apply in order,
/// each with the statement to start at (0, or where an interrupted per-statement run stopped).
struct MigrationPlan: Sendable, Hashable {
    struct Step: Sendable, Hashable {
        var migration: Migration
        var startAt: Int
        var isResumed: Bool
    }

    var steps: [Step]

    /// Checks the history against the code's migrations: every applied migration is known and
    /// unchanged, and no pending one sorts before an applied one.
    static func make(known: [Migration], applied: [AppliedMigration], dialect: SQLDialect) throws(MigrationError) -> MigrationPlan {
        let sorted = known.sorted { $0.id < $1.id }
        let knownByID = Dictionary(sorted.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let unknown = applied.map(\.id).filter { knownByID[$0] == nil }
        guard unknown.isEmpty else { throw .databaseAhead(unknown: unknown.sorted()) }
        var appliedByID: [String: AppliedMigration] = [:]
        for row in applied {
            appliedByID[row.id] = row
            guard let migration = knownByID[row.id] else { continue }
            guard let current = migration.checksum(for: dialect) else { throw .missingDialect(id: row.id, dialect: dialect) }
            // A migration that stopped half way may be fixed after the statements that ran.
            let fixedAfterTheAppliedStatements = !row.isComplete && row.appliedChecksum != nil
                && migration.prefixChecksum(for: dialect, statements: row.statementsApplied) == row.appliedChecksum
            if current != row.checksum, !fixedAfterTheAppliedStatements {
                throw .checksumChanged(id: row.id, recorded: row.checksum, current: current)
            }
        }
        let lastComplete = applied.filter(\.isComplete).map(\.id).max()
        var steps: [Step] = []
        for migration in sorted {
            let row = appliedByID[migration.id]
            if row?.isComplete == true { continue }
            if let lastComplete, migration.id < lastComplete, row == nil {
                throw .gap(pending: migration.id, appliedAfter: lastComplete)
            }
            guard migration.sql[dialect] != nil else { throw .missingDialect(id: migration.id, dialect: dialect) }
            steps.append(Step(migration: migration, startAt: row?.statementsApplied ?? 0, isResumed: row != nil))
        }
        return MigrationPlan(steps: steps)
    }
}

/// What ``Migrator/status(on:)`` reads: the history and what is pending, and the problem an
/// apply would stop at, if any.
public struct MigrationStatus: Sendable {
    /// The history table's rows, by id (incomplete ones included).
    public var applied: [AppliedMigration]
    /// The ids of the code's migrations not applied completely, in order.
    public var pending: [String]
    /// Why an apply would refuse to run (a checksum change, a gap, a database ahead), or nil.
    public var problem: MigrationError?

    /// Creates a status.
    public init(applied: [AppliedMigration], pending: [String], problem: MigrationError?) {
        self.applied = applied
        self.pending = pending
        self.problem = problem
    }
}

/// What an apply did.
public struct MigrationReport: Sendable, Hashable {
    /// One applied migration.
    public struct Applied: Sendable, Hashable {
        /// Its id.
        public var id: String
        /// How many statements ran in this apply (fewer than the migration has when it resumed).
        public var statements: Int
        /// Whether an earlier apply had run part of it.
        public var resumed: Bool
        /// How long it took, in milliseconds.
        public var milliseconds: Int64
    }

    /// The migrations applied, in order; empty when the database was up to date.
    public var applied: [Applied]
    /// The server's dialect.
    public var dialect: SQLDialect
}
