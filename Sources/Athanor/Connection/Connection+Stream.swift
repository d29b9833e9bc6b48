import CLibPQ

extension Connection {
    /// Runs one read statement through the prepared-statement cache and hands its rows to
    /// `body` one at a time as they arrive (libpq's single-row mode), so that memory holds one
    /// row, not the result. Blocking, within the usual bounds, except that the query timeout
    /// bounds the wait for each row rather than the whole statement: a long stream that keeps
    /// coming is not cut. When `body` returns false the remaining rows are read and dropped
    /// (the statement completes; it is not cancelled), and the connection stays usable.
    func stream(_ sql: String, _ bindings: Bindings, _ body: (Row) throws(AthanorError) -> Bool) throws(AthanorError) {
        try inCall { () throws(AthanorError) in
            let name = try prepared(sql, bindings)
            roundTrips += 1
            try send { $0.sendQueryPrepared(name: name, bindings: bindings) }
            guard pg.enterSingleRowMode() else { throw failure(nil, inFlight: true) }
            var wanted = true
            var failed: PGResult?
            // A row `body` cannot take (a decoding error) ends the delivery, not the reading: the
            // rest of the result is read first, so that the connection is left ready.
            var refused: AthanorError?
            while let result = try receive() {
                switch result.status {
                case PGRES_SINGLE_TUPLE:
                    if queryTimeout != .max { exchange.deadline = monotonicNanoseconds() &+ queryTimeout }
                    guard wanted, failed == nil else { break }
                    do throws(AthanorError) {
                        wanted = try body(Rows(result)[0])
                    } catch {
                        refused = error
                        wanted = false
                    }
                case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                    break
                default:
                    if failed == nil { failed = result }
                }
                if pg.isBad { break }
            }
            if let failed { throw failure(failed, inFlight: true) }
            if pg.isBad { throw failure(nil, inFlight: true) }
            if let refused { throw refused }
        }
    }
}
