extension Connection {
    /// Runs a statement and returns its rows.
    ///
    /// ```swift
    /// let rows = try await conn.query("SELECT id, email FROM users WHERE email = $1", [email])
    /// ```
    /// Parameters are bound in binary form with their type OIDs; the statement is prepared
    /// once per connection and cached.
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> Rows {
        let bindings = try Bindings(parameters)
        return try await perform { connection throws(AthanorError) in try connection.run(sql, bindings) }
    }

    /// Runs a statement and returns the number of rows it affected.
    ///
    /// ```swift
    /// try await conn.execute("DELETE FROM users WHERE id = $1", [id])
    /// ```
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> Int {
        try await query(sql, parameters).affectedRows
    }

    /// Runs SQL text with the simple protocol: no parameters, several statements allowed.
    ///
    /// ```swift
    /// try await conn.executeScript("CREATE TABLE a (id int); CREATE INDEX ON a (id);")
    /// ```
    public func executeScript(_ sql: String) async throws {
        _ = try await perform { connection throws(AthanorError) in try connection.runSimple(sql) }
    }

    /// Blocking form of ``query(_:_:)-4bv2j``: runs on the calling thread.
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws(AthanorError) -> Rows {
        try run(sql, Bindings(parameters))
    }

    /// Blocking form of ``execute(_:_:)-1spob``.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws(AthanorError) -> Int {
        try run(sql, Bindings(parameters)).affectedRows
    }

    /// Blocking form of ``executeScript(_:)``.
    public func executeScript(_ sql: String) throws(AthanorError) {
        _ = try runSimple(sql)
    }
}
