/// The statements that open, commit and roll back a transaction, by dialect.
/// PostgreSQL retries the whole transaction; CockroachDB uses `SAVEPOINT cockroach_restart`.
struct TransactionProtocol {
    let dialect: SQLDialect
    let isolation: IsolationLevel?
    let readOnly: Bool

    var begin: String {
        var sql = "BEGIN"
        if let isolation { sql += " ISOLATION LEVEL \(isolation.rawValue)" }
        if readOnly { sql += " READ ONLY" }
        if dialect == .cockroachdb { sql += "; SAVEPOINT cockroach_restart" }
        return sql
    }

    /// Opens the transaction. Blocking, on the connection's thread.
    func open(_ connection: Connection) throws(AthanorError) {
        _ = try connection.runSimple(begin)
    }

    /// Commits; a lost connection, a timeout or 40003 while COMMIT or RELEASE is in flight is
    /// ambiguous. COMMIT is never cancelled: at the query timeout it is given up on.
    func commit(_ connection: Connection) throws(AthanorError) {
        if dialect == .cockroachdb {
            try finish(connection, "RELEASE SAVEPOINT cockroach_restart")
        }
        try finish(connection, "COMMIT")
    }

    private func finish(_ connection: Connection, _ statement: String) throws(AthanorError) {
        do {
            _ = try connection.runSimple(statement, cancellable: false)
        } catch {
            switch error {
            case .connectionLost(let failure) where failure.writeInFlight:
                throw .ambiguousCommit(underlying: AmbiguousCause(statement: statement, connection: failure))
            case .timedOut(let failure) where failure.writeInFlight:
                throw .ambiguousCommit(underlying: AmbiguousCause(statement: statement, timeout: failure))
            case .server(let server) where server.sqlState == .statementCompletionUnknown:
                throw .ambiguousCommit(underlying: AmbiguousCause(statement: statement, server: server))
            default:
                throw error
            }
        }
    }

    /// Undoes the attempt. With `keepPlace` on CockroachDB it rolls back to the savepoint,
    /// keeping the transaction's place in line; otherwise a full ROLLBACK releases every lock
    /// before any sleep.
    func rollback(_ connection: Connection, keepPlace: Bool) -> Bool {
        guard !connection.isBroken else { return false }
        let sql = keepPlace && dialect == .cockroachdb ? "ROLLBACK TO SAVEPOINT cockroach_restart" : "ROLLBACK"
        return (try? connection.runSimple(sql)) != nil
    }
}
