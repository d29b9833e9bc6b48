import Athanor
import AthanorFaultProxy
import Logging
import Synchronization

extension Logger {
    /// Drops everything: the soak reports through its own log.
    static let silent = Logger(label: "athanor-soak", factory: { _ in SwiftLogNoOpLogHandler() })
}

/// The run: the bank set up, 64 tasks of transfers through the proxy on a pool of 8 + 4, the
/// faults in the middle, then the books checked. Returns the exit status.
struct SoakRun: Sendable {
    let settings: SoakSettings
    let log = SoakLog()

    func run() async -> Int32 {
        let admin: ConnectionPool
        let proxy: FaultProxy
        let pool: ConnectionPool
        let bank = Bank(accounts: settings.accounts, openingBalance: settings.openingBalance)
        do {
            admin = ConnectionPool(url: try settings.adminURL(), configuration: .init(size: 2, maxOverflow: 0, logger: .silent))
            try await bank.create(on: admin)
            proxy = try FaultProxy(targetPort: settings.serverURL.endpoints[0].port)
            pool = ConnectionPool(url: try settings.proxiedURL(port: proxy.port), configuration: .init(
                size: settings.poolSize, maxOverflow: settings.poolOverflow, timeout: .seconds(10),
                // A stalled link turns into typed timeouts (failed, or ambiguous at COMMIT), not a wait.
                queryTimeout: .seconds(2), cancelTimeout: .seconds(1)))
        } catch {
            log.line("setup failed: \(error)")
            return 2
        }
        log.line("soak: \(settings.seconds) s, \(settings.tasks) tasks, pool \(settings.poolSize) + \(settings.poolOverflow), "
            + "\(settings.accounts) accounts, through the fault proxy 127.0.0.1:\(proxy.port) -> 127.0.0.1:\(proxy.targetPort)")

        let journal = TransferJournal()
        let workers = Workers(count: settings.tasks)
        let deadline = log.start + .seconds(settings.seconds)
        let tasks = (0..<settings.tasks).map { worker in
            Task { await transfers(worker: worker, until: deadline, bank: bank, pool: pool, journal: journal, workers: workers) }
        }
        let control = ServerControl(settings: settings, admin: admin)
        let schedule = FaultSchedule(proxy: proxy, control: control, journal: journal, log: log, seconds: settings.seconds)
        let faults = Task { await schedule.run() }
        let reporter = MinuteReporter(journal: journal, pool: pool, log: log)
        let reports = Task { await reporter.run(limit: settings.seconds / 60 + 1) { workers.allEnded } }

        // The end: every worker finishes its transfer in flight, or is cancelled after the grace.
        let hung = await workers.waitUntilEnded(within: .seconds(settings.seconds) + settings.grace, from: log, cancelling: tasks)
        let faultFailures = await faults.value
        proxy.disarm()
        proxy.resume()
        let (minutes, retries) = await reports.value
        let rest = log.elapsed - .seconds(60 * minutes)
        if rest > .seconds(1) { reporter.report(minute: minutes + 1, over: rest, retriesBefore: retries) }
        if hung > 0 { log.line("\(hung) tasks still in a transfer \(settings.grace) after the end: cancelled, not awaited") }

        let verdict: SoakVerdict
        do {
            verdict = try await SoakVerdict.reckon(
                settings: settings, journal: journal, audit: try await bank.audit(on: admin),
                pool: pool, proxy: proxy, control: control, hung: hung, log: log)
        } catch {
            log.line("the final checks failed: \(error)")
            return 2
        }
        _ = proxy.stop()
        await admin.close()
        verdict.print(on: log, faultFailures: faultFailures, proxy: proxy)
        if !verdict.passed { return 1 }
        return faultFailures.isEmpty ? 0 : 2
    }

    /// One task's transfers until the deadline (and at most 10 million): random accounts and
    /// amounts, each with the id `worker << 32 | sequence`. After a failure it pauses 50 ms.
    private func transfers(worker: Int, until deadline: ContinuousClock.Instant, bank: Bank, pool: ConnectionPool,
                           journal: TransferJournal, workers: Workers) async {
        defer { workers.ended() }
        let accounts = Int64(settings.accounts)
        for sequence in Int64(0)..<10_000_000 {
            guard ContinuousClock.now < deadline, !Task.isCancelled else { return }
            let id = Int64(worker) << 32 | sequence
            let source = Int64.random(in: 1...accounts)
            let destination = (source + Int64.random(in: 0..<(accounts - 1))) % accounts + 1
            let amount = Int64.random(in: 1...1_000)
            journal.started(id)
            let started = ContinuousClock.now
            do {
                try await bank.transfer(id: id, from: source, to: destination, amount: amount, on: pool)
                journal.finished(id, .acknowledged, took: ContinuousClock.now - started)
            } catch let error as AthanorError where error.isAmbiguousCommit {
                journal.finished(id, .ambiguous, took: ContinuousClock.now - started)
            } catch {
                journal.finished(id, .failed(kind: TransferJournal.kind(of: error)), took: ContinuousClock.now - started)
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}

/// How many workers have ended, and the bounded wait for the rest.
final class Workers: Sendable {
    private let total: Int
    private let endedCount = Atomic<Int>(0)

    init(count: Int) { total = count }

    func ended() { endedCount.add(1, ordering: .releasing) }

    var allEnded: Bool { endedCount.load(ordering: .acquiring) >= total }

    /// Waits until every worker ended or `bound` (since the start) passed; then cancels the
    /// rest and waits 10 s more. Returns how many never ended.
    func waitUntilEnded(within bound: Duration, from log: SoakLog, cancelling tasks: [Task<Void, Never>]) async -> Int {
        while !allEnded && log.elapsed < bound { try? await Task.sleep(for: .milliseconds(100)) }
        guard !allEnded else { return 0 }
        tasks.forEach { $0.cancel() }
        for _ in 0..<100 where !allEnded { try? await Task.sleep(for: .milliseconds(100)) }
        return total - endedCount.load(ordering: .acquiring)
    }
}
