/// Where a generated repository runs its statements: a ``ConnectionPool`` or a ``Transaction``.
///
/// The same repository works on both:
/// ```swift
/// let users = UserRepository(pool)               // each call is its own transaction, retried
/// try await pool.transaction { tx in
///     let users = UserRepository(tx)             // every call inside this transaction
///     try await users.upsert(user, matching: .email)
/// }
/// ```
/// On the pool, a call runs as its own transaction under the pool's ``RetryPolicy``: a
/// serialization failure (40001) or deadlock (40P01) is retried for the caller, while a
/// connection lost while a writing statement is in flight is reported as
/// ``AthanorError/ambiguousCommit(underlying:)`` and never run again. A call that needs several
/// statements (a bulk write of more than one chunk) runs them in one transaction.
public protocol Queryable: Sendable {
    /// Runs one statement; `idempotent` marks reads (safe to run again after a lost connection).
    @_spi(Generated)
    func runStatement(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) async throws -> Rows

    /// Runs `body` in one transaction: a new one on the pool, the same one in a transaction.
    @_spi(Generated)
    func withinTransaction<T: Sendable>(_ body: (any Queryable) async throws -> T) async throws -> T

    /// Blocking form of `runStatement`, on the calling thread.
    @_spi(Generated)
    func runStatementBlocking(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) throws -> Rows

    /// Blocking form of `withinTransaction`.
    @_spi(Generated)
    func withinTransactionBlocking<T>(_ body: (any Queryable) throws -> T) throws -> T
}

extension ConnectionPool: Queryable {
    @_spi(Generated)
    public func runStatement(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) async throws -> Rows {
        try await query(sql, parameters, idempotent: idempotent)
    }

    @_spi(Generated)
    public func withinTransaction<T: Sendable>(_ body: (any Queryable) async throws -> T) async throws -> T {
        try await transaction { tx in try await body(tx) }
    }

    @_spi(Generated)
    public func runStatementBlocking(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) throws -> Rows {
        try queryBlocking(sql, parameters, idempotent: idempotent)
    }

    @_spi(Generated)
    public func withinTransactionBlocking<T>(_ body: (any Queryable) throws -> T) throws -> T {
        try transactionBlocking { tx in try body(tx) }
    }
}

extension Transaction: Queryable {
    @_spi(Generated)
    public func runStatement(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) async throws -> Rows {
        try await query(sql, parameters)
    }

    @_spi(Generated)
    public func withinTransaction<T: Sendable>(_ body: (any Queryable) async throws -> T) async throws -> T {
        try await body(self)
    }

    @_spi(Generated)
    public func runStatementBlocking(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) throws -> Rows {
        try query(sql, parameters)
    }

    @_spi(Generated)
    public func withinTransactionBlocking<T>(_ body: (any Queryable) throws -> T) throws -> T {
        try body(self)
    }
}
