/// The isolation level of a transaction.
public enum IsolationLevel: String, Sendable, Hashable {
    /// `READ COMMITTED` (PostgreSQL's default).
    case readCommitted = "READ COMMITTED"
    /// `REPEATABLE READ`.
    case repeatableRead = "REPEATABLE READ"
    /// `SERIALIZABLE` (CockroachDB's default).
    case serializable = "SERIALIZABLE"
}

/// An open transaction, handed to the body of ``ConnectionPool/transaction(isolation:readOnly:retry:_:)``.
///
/// Its statements run on the transaction's connection; the pool commits when the body
/// returns and rolls back when it throws. Do not run `BEGIN`, `COMMIT` or `ROLLBACK` yourself.
public struct Transaction: Sendable {
    /// The connection the transaction runs on.
    public let connection: Connection
    /// Which attempt this is (1 for the first).
    public let attempt: Int

    /// The server's dialect.
    public var dialect: SQLDialect { connection.serverDialect }

    /// Runs a statement and returns its rows.
    ///
    /// ```swift
    /// let rows = try await tx.query("SELECT n FROM counters WHERE id = $1", [1])
    /// ```
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> Rows {
        try await connection.query(sql, parameters)
    }

    /// Runs a statement and returns the number of rows it affected.
    ///
    /// ```swift
    /// try await tx.execute("UPDATE counters SET n = n + 1 WHERE id = $1", [1])
    /// ```
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> Int {
        try await connection.execute(sql, parameters)
    }

    /// Blocking form of ``query(_:_:)-8abyr``.
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws(AthanorError) -> Rows {
        try connection.query(sql, parameters)
    }

    /// Blocking form of ``execute(_:_:)-747le``.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws(AthanorError) -> Int {
        try connection.execute(sql, parameters)
    }
}
