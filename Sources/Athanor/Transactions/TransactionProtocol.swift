/// The statements that open, commit and roll back a transaction, by dialect.
/// PostgreSQL retries the whole transaction; CockroachDB uses `SAVEPOINT cockroach_restart`.
struct TransactionProtocol {
    let dialect: SQLDialect
    let isolation: IsolationLevel?
    let readOnly: Bool

    /// The statements that open the transaction: `BEGIN` with its options, then on CockroachDB
    /// `SAVEPOINT cockroach_restart`.
    var openStatements: [String] {
        var begin = "BEGIN"
        if let isolation { begin += " ISOLATION LEVEL \(isolation.rawValue)" }
        if readOnly { begin += " READ ONLY" }
        return dialect == .cockroachdb ? [begin, "SAVEPOINT cockroach_restart"] : [begin]
    }

    /// ``openStatements`` as one simple-protocol script.
    var begin: String { openStatements.joined(separator: "; ") }

    /// Opens the transaction, sending nothing yet: its opening goes with its first statement,
    /// in the same round trip (``Connection/deferredOpening``). A transaction that runs no
    /// statement costs no round trip at all. On the connection's thread.
    func open(_ connection: Connection) {
        connection.deferredOpening = openStatements
    }

    /// The statements that commit, in order: `RELEASE SAVEPOINT cockroach_restart` first on
    /// CockroachDB, then `COMMIT`.
    var commitStatements: [String] {
        dialect == .cockroachdb ? Self.cockroachCommit : Self.postgresCommit
    }

    private static let postgresCommit = ["COMMIT"]
    private static let cockroachCommit = ["RELEASE SAVEPOINT cockroach_restart", "COMMIT"]

    /// Commits; nil when it did, else the statement that failed and how (whether its outcome is
    /// unknown is the retry rule's to say: ``RetryPhase/commit(statement:)``). COMMIT and
    /// RELEASE are never cancelled: at the query timeout they are given up on.
    func commit(_ connection: Connection) -> CommitFailure? {
        // Never opened on the server (no statement ran): nothing to commit.
        if connection.deferredOpening != nil {
            connection.deferredOpening = nil
            return nil
        }
        for statement in commitStatements {
            do {
                _ = try connection.runSimple(statement, cancellable: false)
            } catch {
                return CommitFailure(statement: statement, error: error)
            }
        }
        return nil
    }

    /// Commits a transaction that is never retried (on a bare connection); throws the
    /// statement's error, or ``AthanorError/ambiguousCommit(underlying:)`` when the retry rule
    /// says its outcome is unknown.
    func commitWithoutRetry(_ connection: Connection) throws(AthanorError) {
        guard let failure = commit(connection) else { return }
        let decision = RetryDecision.decide(
            after: failure.error, attempt: 1, dialect: dialect, phase: .commit(statement: failure.statement),
            policy: .none, jitter: 0, funded: false)
        if case .ambiguous(let cause) = decision { throw .ambiguousCommit(underlying: cause) }
        throw failure.error
    }

    /// Undoes the attempt; false when that failed. With `keepPlace` on CockroachDB it rolls
    /// back to the savepoint, keeping the transaction's place in line; otherwise a full ROLLBACK
    /// releases every lock before any sleep.
    func rollback(_ connection: Connection, keepPlace: Bool) -> Bool {
        guard !connection.isBroken else { return false }
        let toSavepoint = keepPlace && dialect == .cockroachdb
        if connection.deferredOpening != nil {
            // Never opened on the server: nothing to undo. Rolled back to its savepoint, the
            // transaction stays open: its opening still goes with the next statement.
            if !toSavepoint { connection.deferredOpening = nil }
            return true
        }
        let sql = toSavepoint ? "ROLLBACK TO SAVEPOINT cockroach_restart" : "ROLLBACK"
        return (try? connection.runSimple(sql)) != nil
    }
}

/// COMMIT or RELEASE failed: which statement, and its error.
struct CommitFailure: Error {
    let statement: String
    let error: AthanorError
}
