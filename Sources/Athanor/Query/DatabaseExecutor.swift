/// Something that runs statements: a ``ConnectionPool`` (each statement its own retried
/// implicit transaction), a ``Transaction`` or a ``Connection`` (statements of the enclosing
/// work). Generated repositories are written against this protocol, so the same repository
/// works on the pool and inside `transaction { tx in ... }`.
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
}

extension ConnectionPool: DatabaseExecutor {
    public func query(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) async throws -> Rows {
        try await query(sql, parameters, idempotent: idempotent, retry: nil)
    }

    public func queryBlocking(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) throws -> Rows {
        try queryBlocking(sql, parameters, idempotent: idempotent, retry: nil)
    }
}

extension ConnectionPool {
    public func inTransaction<T>(_ body: (Transaction) async throws -> T) async throws -> T {
        try await transaction(body)
    }

    public func inTransactionBlocking<T>(_ body: (Transaction) throws -> T) throws -> T {
        try transactionBlocking(body)
    }
}

extension Transaction: DatabaseExecutor {
    public func inTransaction<T>(_ body: (Transaction) async throws -> T) async throws -> T {
        try await body(self)
    }

    public func inTransactionBlocking<T>(_ body: (Transaction) throws -> T) throws -> T {
        try body(self)
    }

    public func query(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) async throws -> Rows {
        try await connection.query(sql, parameters)
    }

    public func queryBlocking(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) throws -> Rows {
        try connection.query(sql, parameters) as Rows
    }
}

extension Connection: DatabaseExecutor {
    public func inTransaction<T>(_ body: (Transaction) async throws -> T) async throws -> T {
        let proto = TransactionProtocol(dialect: serverDialect, isolation: nil, readOnly: false)
        try await perform { connection throws(AthanorError) in try proto.open(connection) }
        do {
            let value = try await body(Transaction(connection: self, attempt: 1))
            try await perform(cancellable: false) { connection throws(AthanorError) in try proto.commit(connection) }
            return value
        } catch {
            _ = try? await perform(cancellable: false) { connection throws(AthanorError) in
                _ = proto.rollback(connection, keepPlace: false)
            }
            throw error
        }
    }

    public func inTransactionBlocking<T>(_ body: (Transaction) throws -> T) throws -> T {
        let proto = TransactionProtocol(dialect: serverDialect, isolation: nil, readOnly: false)
        try proto.open(self)
        do {
            let value = try body(Transaction(connection: self, attempt: 1))
            try proto.commit(self)
            return value
        } catch {
            _ = proto.rollback(self, keepPlace: false)
            throw error
        }
    }

    public func query(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) async throws -> Rows {
        try await query(sql, parameters)
    }

    public func queryBlocking(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) throws -> Rows {
        try query(sql, parameters) as Rows
    }
}
