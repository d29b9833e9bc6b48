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
            try runPipeline(count: statements.count) { pg in
                statements.allSatisfy { pg.sendQueryParams(sql: $0.sql, bindings: $0.bindings) }
            }
        }
    }

    /// Sends the `count` statements that `queue` queues in pipeline mode, with one Sync, in one
    /// round trip, and returns each one's rows (the first failing statement's error is thrown).
    func runPipeline(count: Int, _ queue: (PGConnection) -> Bool) throws(AthanorError) -> [Rows] {
        try startRequest()
        guard PQenterPipelineMode(pg.pointer) == 1 else { throw failure(nil, inFlight: false) }
        defer { _ = PQexitPipelineMode(pg.pointer) }
        guard queue(pg), PQpipelineSync(pg.pointer) == 1 else { throw failure(nil, inFlight: false) }
        try flushOutput()
        roundTrips += 1
        return try collectPipelineResults(count: count)
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

extension Connection {
    /// Runs `count` statements made one at a time by `statement` (its index in), pipelined:
    /// up to `window` statements are on the wire at once, each followed by its own Sync, and
    /// `handle` gets each one's rows, in order, right after the statement `window` places
    /// further is sent. So the client encodes the next statement and decodes the last rows
    /// while the server runs the one between, instead of each side waiting for the other; and
    /// at most `window` results are held at a time. How a bulk write runs its chunks, inside
    /// its transaction.
    ///
    /// Each statement has the query timeout to itself. The first failing statement's error is
    /// thrown once the statements already sent are drained (in a transaction, those fail as
    /// aborted); nothing more is sent after it. An error of `statement` or `handle` stops the
    /// same way.
    func runPipelined(
        count: Int, window: Int = 2,
        statement: (Int) throws(AthanorError) -> (sql: String, bindings: Bindings),
        handle: (Int, Rows) throws(AthanorError) -> Void
    ) throws(AthanorError) {
        guard count > 0 else { return }
        try inCall { () throws(AthanorError) in
            try startRequest()
            guard PQenterPipelineMode(pg.pointer) == 1 else { throw failure(nil, inFlight: false) }
            var sent = 0
            var received = 0
            var firstError: AthanorError?
            func sendNext() {
                do throws(AthanorError) {
                    let next = try statement(sent)
                    guard pg.sendQueryParams(sql: next.sql, bindings: next.bindings), PQpipelineSync(pg.pointer) == 1 else {
                        throw failure(nil, inFlight: sent > received)
                    }
                    try flushOutput()
                    sent += 1
                    roundTrips += 1
                } catch {
                    firstError = firstError ?? error
                }
            }
            while firstError == nil && sent < min(window, count) { sendNext() }
            while received < sent {
                var result: PGResult?
                while let next = try receive() { result = result ?? next }
                guard let sync = try receive(), sync.status == PGRES_PIPELINE_SYNC else {
                    mustDiscard = true   // out of step with the server: never reused
                    throw firstError ?? failure(nil, inFlight: true)
                }
                let index = received
                received += 1
                exchange.deadline = queryTimeout == .max ? .max : monotonicNanoseconds() &+ queryTimeout
                if firstError == nil, let result, !result.isSuccess, result.status != PGRES_PIPELINE_ABORTED {
                    firstError = failure(result, inFlight: true)
                }
                if firstError == nil && sent < count { sendNext() }
                guard firstError == nil, let result, result.isSuccess else { continue }
                do throws(AthanorError) {
                    try handle(index, Rows(result))
                } catch {
                    firstError = error
                }
            }
            guard PQexitPipelineMode(pg.pointer) == 1 else {
                mustDiscard = true
                throw firstError ?? failure(nil, inFlight: true)
            }
            if let firstError { throw firstError }
        }
    }
}
