/// Something that runs statements: a ``ConnectionPool`` (each statement its own retried
/// implicit transaction), a ``Transaction`` or a ``Connection`` (statements of the enclosing
/// work). The repositories (``Repository``, ``BlockingRepository``) are written against this
/// protocol, so the same repository works on the pool and inside `transaction { tx in ... }`.
///
/// ```swift
/// func count(on db: some DatabaseExecutor) async throws -> Int {
///     try await db.query("SELECT count(*) FROM users", [], idempotent: true)[0].decode(Int.self, at: 0)
/// }
/// ```
public protocol DatabaseExecutor: Sendable {
    /// Runs one statement. `idempotent` tells a pool whether a statement whose connection broke
    /// in flight may be run again (reads) or must be reported as ambiguous (writes).
    func query(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) async throws -> Rows

    /// Blocking form of `query`, on the calling thread.
    func queryBlocking(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) throws -> Rows

    /// Runs `body` atomically: on a pool, as a retried ``ConnectionPool/transaction(isolation:readOnly:retry:_:)``;
    /// in a transaction, as part of it; on a bare connection, as one BEGIN ... COMMIT without retry.
    /// Generated bulk writes (one statement per chunk) use it so that all chunks commit together.
    func inTransaction<T>(_ body: (Transaction) async throws -> T) async throws -> T

    /// Blocking form of `inTransaction`.
    func inTransactionBlocking<T>(_ body: (Transaction) throws -> T) throws -> T

    /// Runs `work`, synchronous code over one connection, as a unit of the kind `unit` (see
    /// ``WorkUnit``), on that connection's own thread: inside a lease the task is already there,
    /// so each statement of `work` is a direct libpq call. Task cancellation cancels the statement
    /// in flight. This is the one place the repositories' work meets the async world.
    func inUnit<T: Sendable>(
        _ unit: WorkUnit, _ work: @escaping @Sendable (Connection) throws(AthanorError) -> T
    ) async throws -> T

    /// Blocking form of `inUnit`: `work` runs on the calling thread.
    func inUnitBlocking<T>(_ unit: WorkUnit, _ work: (Connection) throws(AthanorError) -> T) throws -> T
}

extension ConnectionPool: DatabaseExecutor {
    /// Runs the statement as its own implicit transaction, retried under the pool's policy:
    /// ``ConnectionPool/query(_:_:idempotent:retry:timeout:)`` with `retry: nil`.
    public func query(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) async throws -> Rows {
        try await query(sql, parameters, idempotent: idempotent, retry: nil)
    }

    /// Blocking form: ``ConnectionPool/queryBlocking(_:_:idempotent:retry:timeout:)`` with `retry: nil`.
    public func queryBlocking(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) throws -> Rows {
        try queryBlocking(sql, parameters, idempotent: idempotent, retry: nil)
    }
}

extension ConnectionPool {
    /// Runs `body` in ``ConnectionPool/transaction(isolation:readOnly:retry:_:)`` with its defaults
    /// (the server's isolation level, the pool's retry policy): on 40001 or 40P01 the whole body
    /// runs again.
    public func inTransaction<T>(_ body: (Transaction) async throws -> T) async throws -> T {
        try await transaction(body)
    }

    /// Blocking form: ``ConnectionPool/transactionBlocking(isolation:readOnly:retry:_:)`` with its
    /// defaults.
    public func inTransactionBlocking<T>(_ body: (Transaction) throws -> T) throws -> T {
        try transactionBlocking(body)
    }

    /// Runs `work` on a leased connection's thread: `.read` and `.write` as statements retried
    /// under the pool's policy (``ConnectionPool/query(_:_:idempotent:retry:timeout:)``'s rules,
    /// for the whole unit), `.transaction` as ``ConnectionPool/transaction(isolation:readOnly:retry:_:)``.
    public func inUnit<T: Sendable>(
        _ unit: WorkUnit, _ work: @escaping @Sendable (Connection) throws(AthanorError) -> T
    ) async throws -> T {
        guard unit == .transaction else {
            return try await statements(idempotent: unit == .read, retry: nil, timeout: nil, work)
        }
        return try await transaction { transaction in try await transaction.connection.perform(work) }
    }

    /// Blocking form of ``inUnit(_:_:)``, on the calling thread.
    public func inUnitBlocking<T>(_ unit: WorkUnit, _ work: (Connection) throws(AthanorError) -> T) throws -> T {
        guard unit == .transaction else {
            return try statementsBlocking(idempotent: unit == .read, retry: nil, timeout: nil, work)
        }
        return try transactionBlocking { transaction in try work(transaction.connection) }
    }
}

extension Transaction: DatabaseExecutor {
    /// Runs `body` as part of this transaction: no BEGIN and no retry of its own (when the
    /// enclosing transaction is retried, `body` runs again with it).
    public func inTransaction<T>(_ body: (Transaction) async throws -> T) async throws -> T {
        try await body(self)
    }

    /// Blocking form of ``inTransaction(_:)``: `body` runs as part of this transaction.
    public func inTransactionBlocking<T>(_ body: (Transaction) throws -> T) throws -> T {
        try body(self)
    }

    /// Runs the statement in this transaction. `idempotent` plays no part: the enclosing
    /// `transaction` decides what runs again.
    public func query(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) async throws -> Rows {
        try await connection.query(sql, parameters)
    }

    /// Blocking form of ``query(_:_:idempotent:)``, on the calling thread.
    public func queryBlocking(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) throws -> Rows {
        try connection.query(sql, parameters) as Rows
    }

    /// Runs `work` on this transaction's connection, as part of the transaction whatever `unit`
    /// is: the enclosing `transaction` decides what runs again.
    public func inUnit<T: Sendable>(
        _ unit: WorkUnit, _ work: @escaping @Sendable (Connection) throws(AthanorError) -> T
    ) async throws -> T {
        try await connection.perform(work)
    }

    /// Blocking form of ``inUnit(_:_:)``, on the calling thread.
    public func inUnitBlocking<T>(_ unit: WorkUnit, _ work: (Connection) throws(AthanorError) -> T) throws -> T {
        try work(connection)
    }
}

extension Connection: DatabaseExecutor {
    /// Runs `body` once, between BEGIN and COMMIT on this connection, with no retry; ROLLBACK when
    /// it throws. An unknown COMMIT outcome is ``AthanorError/ambiguousCommit(underlying:)``.
    ///
    /// ```sql
    /// BEGIN                                  -- CockroachDB: BEGIN; SAVEPOINT cockroach_restart
    /// -- the statements of body
    /// COMMIT                                 -- CockroachDB: RELEASE SAVEPOINT cockroach_restart; COMMIT
    /// ```
    public func inTransaction<T>(_ body: (Transaction) async throws -> T) async throws -> T {
        let proto = TransactionProtocol(dialect: serverDialect, isolation: nil, readOnly: false)
        proto.open(self)
        do {
            let value = try await body(Transaction(connection: self, attempt: 1))
            try await perform(cancellable: false) { connection throws(AthanorError) in try proto.commitWithoutRetry(connection) }
            return value
        } catch {
            _ = try? await perform(cancellable: false) { connection throws(AthanorError) in
                _ = proto.rollback(connection, keepPlace: false)
            }
            throw error
        }
    }

    /// Blocking form of ``inTransaction(_:)``, on the calling thread.
    public func inTransactionBlocking<T>(_ body: (Transaction) throws -> T) throws -> T {
        let proto = TransactionProtocol(dialect: serverDialect, isolation: nil, readOnly: false)
        proto.open(self)
        do {
            let value = try body(Transaction(connection: self, attempt: 1))
            try proto.commitWithoutRetry(self)
            return value
        } catch {
            _ = proto.rollback(self, keepPlace: false)
            throw error
        }
    }

    /// Runs the statement on this connection (in its open transaction, if any). `idempotent` plays
    /// no part: a bare connection never retries.
    public func query(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) async throws -> Rows {
        try await query(sql, parameters)
    }

    /// Blocking form of ``query(_:_:idempotent:)``, on the calling thread.
    public func queryBlocking(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) throws -> Rows {
        try query(sql, parameters) as Rows
    }

    /// Runs `work` on this connection, once: `.transaction` between BEGIN and COMMIT
    /// (``inTransaction(_:)``), the others in whatever transaction the connection has open.
    public func inUnit<T: Sendable>(
        _ unit: WorkUnit, _ work: @escaping @Sendable (Connection) throws(AthanorError) -> T
    ) async throws -> T {
        guard unit == .transaction else { return try await perform(work) }
        return try await inTransaction { transaction in try await transaction.connection.perform(work) }
    }

    /// Blocking form of ``inUnit(_:_:)``, on the calling thread.
    public func inUnitBlocking<T>(_ unit: WorkUnit, _ work: (Connection) throws(AthanorError) -> T) throws -> T {
        guard unit == .transaction else { return try work(self) }
        return try inTransactionBlocking { transaction in try work(transaction.connection) }
    }
}
