import CLibPQ

extension Connection {
    /// Runs one statement through the prepared-statement cache (binary in and out). Blocking.
    /// The first statement of a transaction carries its deferred opening (``deferredOpening``)
    /// in the same round trip: `BEGIN`, then the statement, in one pipeline.
    func run(_ sql: String, _ bindings: Bindings) throws(AthanorError) -> Rows {
        try inCall { () throws(AthanorError) -> Rows in
            let name = try prepared(sql, bindings)
            if let opening = deferredOpening {
                return try sendingOpening(opening) { () throws(AthanorError) -> Rows in
                    let openingNames = try preparedOpening(opening)
                    let results = try runPipeline(count: opening.count + 1) { pg in
                        openingNames.allSatisfy { pg.sendQueryPrepared(name: $0, bindings: Bindings()) }
                            && pg.sendQueryPrepared(name: name, bindings: bindings)
                    }
                    return results[results.count - 1]
                }
            }
            roundTrips += 1
            try send { $0.sendQueryPrepared(name: name, bindings: bindings) }
            return try check(receiveAll(), inFlight: true)
        }
    }

    /// The names of a transaction's opening statements prepared on this connection, each
    /// prepared the first time it is needed (one round trip, outside the transaction: it sends
    /// no transaction statement), so that the server does not parse `BEGIN` for every
    /// transaction. Called with ``deferredOpening`` taken (``sendingOpening(_:_:)``), which the
    /// preparation must not send.
    private func preparedOpening(_ opening: [String]) throws(AthanorError) -> [PreparedName] {
        var names: [PreparedName] = []
        for sql in opening {
            if let name = preparedOpenings[sql] {
                names.append(name)
                continue
            }
            let name = statements.nextName()
            roundTrips += 1
            try send { $0.sendPrepare(name: name.text, sql: sql, types: []) }
            _ = try check(receiveAll(), inFlight: false)
            preparedOpenings[sql] = name
            names.append(name)
        }
        return names
    }

    /// The name of `sql` prepared on this connection for the types of `bindings`: from the
    /// cache, or prepared now (and the least recently used statement deallocated past the
    /// cache's capacity).
    func prepared(_ sql: String, _ bindings: Bindings) throws(AthanorError) -> PreparedName {
        let key = StatementKey(sql: sql, types: bindings.types)
        if let cached = statements.lookup(key) { return cached }
        let name = statements.nextName()
        roundTrips += 1
        try send { $0.sendPrepare(name: name.text, sql: sql, types: bindings.types) }
        _ = try check(receiveAll(), inFlight: false)
        if let evicted = statements.insert(key, name: name) {
            roundTrips += 1
            try send { $0.sendQuery("DEALLOCATE \(evicted)") }
            _ = try receiveAll()
        }
        return name
    }

    /// Runs SQL with the simple protocol: no parameters, several statements allowed (DDL scripts,
    /// transaction control). Blocking. `cancellable: false` (COMMIT, RELEASE) is never cancelled
    /// at the query timeout: it is given up on, its outcome unknown.
    func runSimple(_ sql: String, cancellable: Bool = true) throws(AthanorError) -> Rows {
        try inCall { () throws(AthanorError) -> Rows in
            roundTrips += 1
            try send(cancellable: cancellable) { $0.sendQuery(sql) }
            return try check(receiveAll(), inFlight: true)
        }
    }

    /// Turns a result into rows or the right error.
    func check(_ result: PGResult?, inFlight: Bool) throws(AthanorError) -> Rows {
        if let result, result.isSuccess { return Rows(result) }
        throw failure(result, inFlight: inFlight)
    }

    /// Classifies a failed call by connection status and SQLSTATE, never by message text. A
    /// 57014 that the query timeout's cancel caused is the timeout error.
    func failure(_ result: PGResult?, inFlight: Bool) -> AthanorError {
        let server = result?.serverError(redact: pg.url.redact)
        if pg.isBad || server?.sqlState.isDisconnect == true && server?.severity == "FATAL" {
            mustDiscard = true
            let message = result.map { pg.url.redact($0.errorMessage).trimmingTrailingWhitespace } ?? pg.errorMessage
            return .connectionLost(ConnectionFailure(
                host: pg.host, port: pg.port, sqlState: server?.sqlState, message: message, writeInFlight: inFlight))
        }
        if let server {
            if server.sqlState == .queryCanceled && cancelReason == .timeout {
                return .timedOut(TimeoutFailure(
                    bound: .query, seconds: Double(queryTimeout) / 1e9, host: pg.host, port: pg.port,
                    sqlState: .queryCanceled, writeInFlight: false))
            }
            return .server(server)
        }
        let message = result.map { pg.url.redact($0.errorMessage).trimmingTrailingWhitespace } ?? pg.errorMessage
        return .misuse(message.isEmpty ? "libpq returned no result" : message)
    }
}
