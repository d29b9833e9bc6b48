import CLibPQ

extension Connection {
    /// Runs one read statement through the prepared-statement cache and hands its rows to
    /// `body` one at a time as they arrive (libpq's single-row mode), so that memory holds one
    /// row, not the result. Blocking, within the usual bounds, except that the query timeout
    /// bounds the wait for each row rather than the whole statement: a long stream that keeps
    /// coming is not cut. When `body` returns false the remaining rows are dropped: read, up to
    /// ``rowsDroppedBeforeCancel`` of them (a small rest costs less than a cancel, which
    /// would often land after the statement ended and cost the connection); past that the
    /// statement is cancelled (outside a transaction only: inside one, a cancel would abort it).
    /// Either way the connection stays usable.
    /// `whenWaiting` runs before the connection waits for the server (no whole row is there):
    /// a caller that gathers rows hands them on there; false stops the delivery as `body` does.
    func stream(
        _ sql: String, _ bindings: Bindings, whenWaiting: () -> Bool = { true }, _ body: (Row) throws(AthanorError) -> Bool
    ) throws(AthanorError) {
        try inCall { () throws(AthanorError) in
            let cancelsWhenLeft = pg.transactionStatus == PQTRANS_IDLE
            let name = try prepared(sql, bindings)
            roundTrips += 1
            try send { $0.sendQueryPrepared(name: name, bindings: bindings) }
            guard pg.enterSingleRowMode() else { throw failure(nil, inFlight: true) }
            var wanted = true
            var failed: PGResult?
            // A row `body` cannot take (a decoding error) ends the delivery, not the reading: the
            // rest of the result is read first, so that the connection is left ready.
            var refused: AthanorError?
            var left = false
            var droppedSinceLeft = 0
            while true {
                // Only when no whole row is buffered and the socket has nothing more right now
                // (a non-blocking read first): the connection is about to wait for the server.
                if wanted, failed == nil, pg.isBusy, !pg.consumeInput() || pg.isBusy, !whenWaiting() { wanted = false }
                guard let result = try receive() else { break }
                switch result.status {
                case PGRES_SINGLE_TUPLE:
                    if queryTimeout != .max { exchange.deadline = monotonicNanoseconds() &+ queryTimeout }
                    guard wanted, failed == nil else {
                        droppedSinceLeft += 1
                        if droppedSinceLeft == Self.rowsDroppedBeforeCancel, cancelsWhenLeft,
                           let call = cancelState.withLock({ $0.running }) {
                            requestCancel(call: call, reason: .task)
                            left = true
                        }
                        break
                    }
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
            if left {
                let canceled = failed?.serverError(redact: pg.url.redact)?.sqlState == .queryCanceled
                settleOwnCancel(endedInQueryCanceled: canceled)
                if canceled { failed = nil }
            }
            if let failed { throw failure(failed, inFlight: true) }
            if pg.isBad { throw failure(nil, inFlight: true) }
            if let refused { throw refused }
        }
    }

    /// How many rows a stream left early reads and drops before it cancels its statement.
    static let rowsDroppedBeforeCancel = 10_000
}
