import CLibPQ

/// One statement of a pipelined batch.
public struct Statement: Sendable {
    /// The SQL, one statement, `$1`-style parameters.
    public var sql: String
    /// The parameters, bound in binary form.
    public var parameters: [any PostgresEncodable]

    /// A statement with its parameters.
    public init(_ sql: String, _ parameters: [any PostgresEncodable] = []) {
        self.sql = sql
        self.parameters = parameters
    }
}

extension Connection {
    /// The most statements one pipelined batch may hold.
    public static let maxPipelineStatements = 1000

    /// Sends the statements in one round trip (libpq pipeline mode, one Sync) and returns each
    /// one's rows. Outside a transaction the batch is one implicit transaction: all or nothing.
    ///
    /// ```swift
    /// let results = try await conn.pipeline([
    ///     Statement("INSERT INTO users (id, email) VALUES ($1, $2)", [id, email]),
    ///     Statement("UPDATE stats SET users = users + 1"),
    /// ])
    /// ```
    /// The first failing statement's error is thrown; the later ones were not run.
    public func pipeline(_ statements: [Statement]) async throws -> [Rows] {
        let encoded = try statements.map { (sql: $0.sql, bindings: try Bindings($0.parameters)) }
        return try await perform { connection throws(AthanorError) in try connection.runPipeline(encoded) }
    }

    /// Blocking form of ``pipeline(_:)-(_)``.
    public func pipeline(_ statements: [Statement]) throws(AthanorError) -> [Rows] {
        var encoded: [(sql: String, bindings: Bindings)] = []
        for statement in statements { encoded.append((statement.sql, try Bindings(statement.parameters))) }
        return try runPipeline(encoded)
    }

    func runPipeline(_ statements: [(sql: String, bindings: Bindings)]) throws(AthanorError) -> [Rows] {
        guard statements.count <= Self.maxPipelineStatements else {
            throw .misuse("a pipeline holds at most \(Self.maxPipelineStatements) statements")
        }
        guard !statements.isEmpty else { return [] }
        return try inCall { () throws(AthanorError) -> [Rows] in
            try startRequest()
            guard PQenterPipelineMode(pg.pointer) == 1 else { throw failure(nil, inFlight: false) }
            defer { _ = PQexitPipelineMode(pg.pointer) }
            for statement in statements {
                guard pg.sendQueryParams(sql: statement.sql, bindings: statement.bindings) else {
                    throw failure(nil, inFlight: false)
                }
            }
            guard PQpipelineSync(pg.pointer) == 1 else { throw failure(nil, inFlight: false) }
            try flushOutput()
            roundTrips += 1
            return try collectPipelineResults(count: statements.count)
        }
    }

    private func collectPipelineResults(count: Int) throws(AthanorError) -> [Rows] {
        var rows: [Rows] = []
        var firstError: AthanorError?
        for _ in 0..<count {
            var result: PGResult?
            while let next = try receive() { result = result ?? next }
            guard let result else { throw failure(nil, inFlight: true) }
            switch result.status {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK: rows.append(Rows(result))
            case PGRES_PIPELINE_ABORTED: break
            default: firstError = firstError ?? failure(result, inFlight: true)
            }
            if pg.isBad { throw firstError ?? failure(nil, inFlight: true) }
        }
        guard let sync = try receive(), sync.status == PGRES_PIPELINE_SYNC else {
            throw firstError ?? failure(nil, inFlight: true)
        }
        if let firstError { throw firstError }
        return rows
    }
}
