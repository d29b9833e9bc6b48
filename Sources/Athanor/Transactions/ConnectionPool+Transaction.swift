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
                return try await runAttempts(on: connection, proto: proto, policy: policy, attempt: &attempt, body)
            }
            switch outcome {
            case .committed(let value): return value
            case .reconnect: continue
            }
        }
    }

    enum AttemptOutcome<T> {
        case committed(T)
        case reconnect
    }

    private func runAttempts<T>(
        on connection: Connection, proto: TransactionProtocol, policy: RetryPolicy, attempt: inout Int,
        _ body: (Transaction) async throws -> T
    ) async throws -> AttemptOutcome<T> {
        var needsBegin = true
        while true {
            do {
                if needsBegin { try await connection.perform { connection throws(AthanorError) in try proto.open(connection) } }
                let value = try await body(Transaction(connection: connection, attempt: attempt))
                try await connection.perform(cancellable: false) { connection throws(AthanorError) in try proto.commit(connection) }
                shell.withLock { $0.budget.earn() }
                return .committed(value)
            } catch let error as AthanorError where (error.isRetryableConflict || error.isLostBeforeCommit) && attempt < policy.maxAttempts {
                let delay = backoff(policy: policy, retry: attempt)
                let keepPlace = delay == .zero
                let rolledBack = proto.rollback(connection, keepPlace: keepPlace)
                attempt += 1
                shell.withLock { $0.retries += 1 }
                log(.debug, "retrying transaction (attempt \(attempt)) after \(error) in \(delay)")
                if delay > .zero { try await Task.sleep(for: delay) }
                if !rolledBack || error.isLostBeforeCommit { return .reconnect }
                needsBegin = !(keepPlace && proto.dialect == .cockroachdb)
            } catch {
                _ = proto.rollback(connection, keepPlace: false)
                throw error
            }
        }
    }

    /// The backoff before a retry; when the pool's retry budget is spent, the full cap (jittered)
    /// so that a hot row slows everyone down instead of storming.
    func backoff(policy: RetryPolicy, retry: Int) -> Duration {
        let random = Double.random(in: 0..<1)
        let funded = shell.withLock { $0.budget.spend() }
        return funded ? policy.delay(beforeRetry: retry, random: random)
            : policy.delay(beforeRetry: 64, random: random)
    }
}
