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
}

extension ConnectionPool: DatabaseExecutor {
    public func query(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) async throws -> Rows {
        try await query(sql, parameters, idempotent: idempotent, retry: nil)
    }

    public func queryBlocking(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) throws -> Rows {
        try queryBlocking(sql, parameters, idempotent: idempotent, retry: nil)
    }
}

extension Transaction: DatabaseExecutor {
    public func query(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) async throws -> Rows {
        try await connection.query(sql, parameters)
    }

    public func queryBlocking(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) throws -> Rows {
        try connection.query(sql, parameters) as Rows
    }
}

extension Connection: DatabaseExecutor {
    public func query(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) async throws -> Rows {
        try await query(sql, parameters)
    }

    public func queryBlocking(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) throws -> Rows {
        try query(sql, parameters) as Rows
    }
}
