/// How ``Migrator`` applies migrations: the defaults follow the server's dialect.
public struct MigrationOptions: Sendable, Hashable {
    /// How statements are grouped into transactions and recorded.
    public enum Mode: Sendable, Hashable {
        /// PostgreSQL: a whole migration in one transaction with its history row (statements
        /// marked `athanor:no-transaction` run on their own, in order); a failure leaves nothing.
        case transactional
        /// CockroachDB: each statement in its own transaction, the history row updated after each,
        /// so a migration that failed half way resumes after the last statement that succeeded.
        case perStatement
    }

    /// How concurrent appliers are kept apart.
    public enum Lock: Sendable, Hashable {
        /// PostgreSQL's session advisory lock.
        case advisory
        /// A row in a lock table holding the applier's id and a lease that it renews after each
        /// statement; a lease that ran out (a crashed applier) can be taken over. CockroachDB has
        /// no advisory locks.
        case leaseRow
    }

    /// The mode; `nil`: ``Mode/transactional`` on PostgreSQL, ``Mode/perStatement`` on CockroachDB.
    public var mode: Mode?
    /// The lock; `nil`: ``Lock/advisory`` on PostgreSQL, ``Lock/leaseRow`` on CockroachDB.
    public var lock: Lock?
    /// The history table.
    public var historyTable: String
    /// How long to wait for another applier's lock before giving up.
    public var lockTimeout: Duration
    /// How long a lease row lasts without renewal.
    public var lease: Duration

    /// Creates options.
    public init(mode: Mode? = nil, lock: Lock? = nil, historyTable: String = "athanor_migrations",
                lockTimeout: Duration = .seconds(120), lease: Duration = .seconds(60)) {
        self.mode = mode
        self.lock = lock
        self.historyTable = historyTable
        self.lockTimeout = lockTimeout
        self.lease = lease
    }

    func mode(for dialect: SQLDialect) -> Mode { mode ?? (dialect == .cockroachdb ? .perStatement : .transactional) }
    func lock(for dialect: SQLDialect) -> Lock { lock ?? (dialect == .cockroachdb ? .leaseRow : .advisory) }
    var lockTable: String { historyTable + "_lock" }
}
