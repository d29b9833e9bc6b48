import CLibPQ

extension Connection {
    /// Runs one statement through the prepared-statement cache (binary in and out). Blocking.
    func run(_ sql: String, _ bindings: Bindings) throws(AthanorError) -> Rows {
        let key = StatementKey(sql: sql, types: bindings.types)
        let name: PreparedName
        if let cached = statements.lookup(key) {
            name = cached
        } else {
            name = statements.nextName()
            roundTrips += 1
            _ = try check(pg.prepare(name: name.text, sql: sql, types: bindings.types), inFlight: false)
            if let evicted = statements.insert(key, name: name) {
                roundTrips += 1
                _ = pg.exec("DEALLOCATE \(evicted)")
            }
        }
        roundTrips += 1
        return try check(pg.execPrepared(name: name, bindings: bindings), inFlight: true)
    }

    /// Runs SQL with the simple protocol: no parameters, several statements allowed (DDL scripts,
    /// transaction control). Blocking.
    func runSimple(_ sql: String) throws(AthanorError) -> Rows {
        roundTrips += 1
        return try check(pg.exec(sql), inFlight: true)
    }

    /// Turns a result into rows or the right error.
    func check(_ result: PGResult?, inFlight: Bool) throws(AthanorError) -> Rows {
        if let result {
            switch result.status {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return Rows(result)
            default: break
            }
        }
        throw failure(result, inFlight: inFlight)
    }

    /// Classifies a failed call by connection status and SQLSTATE, never by message text.
    func failure(_ result: PGResult?, inFlight: Bool) -> AthanorError {
        let server = result?.serverError(redact: pg.url.redact)
        if pg.isBad || server?.sqlState.isDisconnect == true && server?.severity == "FATAL" {
            mustDiscard = true
            let message = result.map { pg.url.redact($0.errorMessage).trimmingTrailingWhitespace } ?? pg.errorMessage
            return .connectionLost(ConnectionFailure(
                host: pg.host, port: pg.port, sqlState: server?.sqlState, message: message, writeInFlight: inFlight))
        }
        if let server {
            return .server(server)
        }
        let message = result.map { pg.url.redact($0.errorMessage).trimmingTrailingWhitespace } ?? pg.errorMessage
        return .misuse(message.isEmpty ? "libpq returned no result" : message)
    }
}
