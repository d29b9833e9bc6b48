extension ConnectionPool {
    /// Runs one statement as its own (implicit) transaction, in one round trip, retried under
    /// the pool's retry policy on 40001 and 40P01.
    ///
    /// ```swift
    /// let rows = try await pool.query(
    ///     "INSERT INTO users (id, email) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET email = excluded.email RETURNING id",
    ///     [UUID(), email])
    /// ```
    /// If the connection breaks while the statement is in flight, its outcome is unknown: unless
    /// `idempotent` is true (reads, or writes that are safe to repeat), this throws
    /// ``AthanorError/ambiguousCommit(underlying:)`` and does not run it again. A statement that
    /// never reached the server (its connection had closed) is retried on another connection.
    ///
    /// `timeout` bounds each attempt in place of ``PoolConfiguration/queryTimeout``: at the
    /// deadline the statement is cancelled (``AthanorError/timedOut(_:)``, nothing applied), and
    /// a server that does not answer the cancel either is given up on (the write's outcome is
    /// then unknown: an ambiguous commit). Task cancellation reports what the server did: the
    /// rows when the statement finished first, `CancellationError` when it was cancelled.
    @concurrent
    public func query(
        _ sql: String, _ parameters: [any PostgresEncodable] = [], idempotent: Bool = false, retry: RetryPolicy? = nil,
        timeout: Duration? = nil
    ) async throws -> Rows {
        let statement = SingleStatement(sql: sql, bindings: try Bindings(parameters)) { rows throws(AthanorError) in rows }
        return try await self.statement(idempotent: idempotent, retry: retry, timeout: timeout, statement)
    }

    /// Runs `statement` as its own implicit transaction, under the rules of
    /// ``query(_:_:idempotent:retry:timeout:)``. The calling task sends it on a leased connection
    /// (preparing it first when that connection has not) and waits for the answer on the
    /// ``EventLoop``, gives the connection back, then decodes the rows itself: no hop to the
    /// connection's thread and back. Where there is no loop, the connection's thread runs it.
    func statement<T: Sendable>(
        idempotent: Bool, retry: RetryPolicy?, timeout: Duration?, _ statement: SingleStatement<T>
    ) async throws -> T {
        guard let loop = EventLoop.shared else {
            return try await statements(idempotent: idempotent, retry: retry, timeout: timeout, statement.work)
        }
        return try await retrying(idempotent: idempotent, retry: retry) {
            let connection = try await lease()
            let rows: Rows
            do {
                rows = try await connection.rows(statement.sql, statement.bindings, timeout: timeout, waitingOn: loop)
            } catch {
                releaseFromTask(connection)
                throw error
            }
            // The rows are the result's, not the connection's: the next caller may have it while
            // this one decodes.
            releaseFromTask(connection)
            return try statement.decode(rows)
        }
    }

    /// Runs `work` (synchronous statements, each its own implicit transaction) on a leased
    /// connection's thread, and again under the retry policy after a failure that allows it:
    /// the rules of ``query(_:_:idempotent:retry:timeout:)``, for the whole unit. `timeout`
    /// bounds each statement in place of ``PoolConfiguration/queryTimeout``.
    @concurrent
    func statements<T: Sendable>(
        idempotent: Bool, retry: RetryPolicy?, timeout: Duration?,
        _ work: @escaping @Sendable (Connection) throws(AthanorError) -> T
    ) async throws -> T {
        try await retrying(idempotent: idempotent, retry: retry) {
            try await withConnection { connection in
                try await connection.perform { connection throws(AthanorError) in
                    try connection.withQueryTimeout(timeout) { () throws(AthanorError) in try work(connection) }
                }
            }
        }
    }

    /// Runs `attempt` (statements on a connection of its own), and again under the retry policy
    /// after a failure that allows it (``delayBeforeRetrying(statementAfter:idempotent:attempt:policy:)``).
    private func retrying<T>(idempotent: Bool, retry: RetryPolicy?, _ attempt: () async throws -> T) async throws -> T {
        let policy = retry ?? configuration.retry
        var number = 1
        while true {
            do {
                let value = try await attempt()
                retrier.succeeded()
                return value
            } catch let error as AthanorError {
                let delay = try delayBeforeRetrying(statementAfter: error, idempotent: idempotent, attempt: number, policy: policy)
                number += 1
                try await Task.sleep(for: delay)
            }
        }
    }

    /// Runs one statement as its own transaction and returns the number of rows it affected.
    /// See ``query(_:_:idempotent:retry:timeout:)``.
    ///
    /// ```swift
    /// try await pool.execute("UPDATE users SET name = $1 WHERE id = $2", [name, id])
    /// ```
    @discardableResult
    public func execute(
        _ sql: String, _ parameters: [any PostgresEncodable] = [], idempotent: Bool = false, retry: RetryPolicy? = nil,
        timeout: Duration? = nil
    ) async throws -> Int {
        try await query(sql, parameters, idempotent: idempotent, retry: retry, timeout: timeout).affectedRows
    }

    /// After a failed attempt of a single statement (async or blocking): the backoff before the
    /// next attempt, counted as a retry; or the error to throw, the statement's own or an
    /// ambiguous commit when a write was in flight (``RetryDecision``).
    func delayBeforeRetrying(
        statementAfter error: AthanorError, idempotent: Bool, attempt: Int, policy: RetryPolicy
    ) throws(AthanorError) -> Duration {
        switch retrier.decide(after: error, attempt: attempt, dialect: url.dialect, phase: .statement(idempotent: idempotent), policy: policy) {
        case .retry(let delay, _): return delay
        case .ambiguous(let cause): throw .ambiguousCommit(underlying: cause)
        case .giveUp: throw error
        }
    }
}
