extension ConnectionPool {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws, and
    /// runs it again after a serialization failure (40001) or deadlock (40P01), up to the retry
    /// policy, with jittered backoff. Errors thrown by `body` itself pass through untouched.
    ///
    /// ```swift
    /// try await pool.transaction(isolation: .serializable) { tx in
    ///     let n = try await tx.query("SELECT n FROM counters WHERE id = 1")[0].decode(Int.self, at: 0)
    ///     try await tx.execute("UPDATE counters SET n = $1 WHERE id = 1", [n + 1])
    /// }
    /// // PostgreSQL:  BEGIN ISOLATION LEVEL SERIALIZABLE; ...; COMMIT
    /// // CockroachDB: BEGIN ...; SAVEPOINT cockroach_restart; ...;
    /// //              RELEASE SAVEPOINT cockroach_restart; COMMIT
    /// ```
    /// `BEGIN` goes to the server with the body's first statement, in the same round trip; a
    /// body that runs no statement sends nothing.
    ///
    /// When the outcome of COMMIT (or RELEASE) is unknown (the connection broke while it was in
    /// flight, or 40003) it throws ``AthanorError/ambiguousCommit(underlying:)`` and does not
    /// run `body` again. A connection lost before COMMIT was sent is retried on a new one.
    @concurrent @discardableResult
    public func transaction<T>(
        isolation: IsolationLevel? = nil, readOnly: Bool = false, retry: RetryPolicy? = nil,
        _ body: (Transaction) async throws -> T
    ) async throws -> T {
        let policy = retry ?? configuration.retry
        var attempt = 1
        while true {
            try Task.checkCancellation()
            let outcome: AttemptOutcome<T> = try await withConnection { connection in
                let proto = TransactionProtocol(dialect: connection.serverDialect, isolation: isolation, readOnly: readOnly)
                var needsBegin = true
                while true {
                    do {
                        if needsBegin { proto.open(connection) }
                        let value = try await body(Transaction(connection: connection, attempt: attempt))
                        let failure = try await connection.perform(cancellable: false) { connection throws(AthanorError) in
                            proto.commit(connection)
                        }
                        if let failure { throw failure }
                        retrier.succeeded()
                        return .committed(value)
                    } catch {
                        let next = try afterFailedAttempt(error, attempt: &attempt, on: connection, proto: proto, policy: policy)
                        if next.delay > .zero { try await Task.sleep(for: next.delay) }
                        guard next.sameConnection else { return .reconnect }
                        needsBegin = next.needsBegin
                    }
                }
            }
            if case .committed(let value) = outcome { return value }
        }
    }
}
