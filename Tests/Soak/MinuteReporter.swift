import Athanor

/// One line a minute: throughput, retries and errors of that minute, and the pool's state.
struct MinuteReporter: Sendable {
    let journal: TransferJournal
    let pool: ConnectionPool
    let log: SoakLog

    /// Prints a line at each full minute until `isDone` (checked every 100 ms), at most `limit`
    /// lines; returns how many it printed and the pool's retry counter at the last one.
    func run(limit: Int, isDone: @Sendable () -> Bool) async -> (minutes: Int, retries: Int) {
        var retries = 0
        for minute in 1...max(1, limit) {
            let due = Duration.seconds(60 * minute)
            while log.elapsed < due && !isDone() { try? await Task.sleep(for: .milliseconds(100)) }
            if isDone() { return (minute - 1, retries) }
            retries = report(minute: minute, over: .seconds(60), retriesBefore: retries)
        }
        return (limit, retries)
    }

    /// Prints the line of `minute` (the last one may be partial, `over` long); returns the pool's
    /// retry counter, for the next line.
    @discardableResult
    func report(minute: Int, over span: Duration, retriesBefore: Int) -> Int {
        let tally = journal.closeMinute()
        let counters = pool.counters
        let seconds = max(0.001, Double(span.components.seconds) + Double(span.components.attoseconds) / 1e18)
        let rate = Double(tally.acknowledged) / seconds
        let errors = tally.failed + tally.ambiguous
        let kinds = tally.errorKinds.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        log.line("minute \(minute): \(tally.acknowledged) acknowledged (\(Int(rate.rounded()))/s), "
            + "\(tally.failed) failed, \(tally.ambiguous) ambiguous, \(counters.retries - retriesBefore) retries, "
            + "\(errors) errors\(kinds.isEmpty ? "" : " (\(kinds))"), longest transfer \(SoakLog.seconds(tally.longest)) s; "
            + "pool: open \(counters.open), in use \(counters.inUse), waiting \(counters.waiting)")
        return counters.retries
    }
}
