import Athanor
import AthanorFaultProxy
import Synchronization

/// The books against what the callers were told, and the connections left behind.
///
/// - lost: acknowledged transfers missing from the ledger, accounts whose balance disagrees with
///   the ledger, and a total balance that moved (counted 1);
/// - doubled: failed transfers present in the ledger (a caller that retries them applies them
///   twice), ledger ids present twice, and ledger rows of no transfer;
/// - leaked: connections the pool still had in use after the work, tasks that never returned,
///   server connections of the pool above its maximum, and those left after `close()`.
struct SoakVerdict: Sendable {
    var committed = 0
    var failed = 0
    var ambiguous = 0
    var ambiguousApplied = 0
    var running = 0
    var errorKinds: [String: Int] = [:]
    var longest: Duration = .zero

    var acknowledgedMissing = 0
    var inconsistentAccounts = 0
    var totalDrift: Int64 = 0
    var failedPresent = 0
    var duplicateRows = 0
    var unknownRows = 0
    var ledgerRows = 0

    var inUseAfterWork = 0
    var hung = 0
    var serverConnectionsAfterWork = 0
    var poolMaximum = 0
    var leftAfterClose = 0
    var retries = 0
    var seconds = 0

    var lost: Int { acknowledgedMissing + inconsistentAccounts + (totalDrift != 0 ? 1 : 0) }
    var doubled: Int { failedPresent + duplicateRows + unknownRows }
    var leaked: Int { inUseAfterWork + hung + max(0, serverConnectionsAfterWork - poolMaximum) + leftAfterClose }
    var passed: Bool { lost == 0 && doubled == 0 && leaked == 0 }

    /// Compares the journal with the audit, counts the pool's connections (on the pool, on the
    /// server), then closes the pool (waiting at most 10 s) and counts what is left.
    static func reckon(
        settings: SoakSettings, journal: TransferJournal, audit: BankAudit, pool: ConnectionPool,
        proxy: FaultProxy, control: ServerControl, hung: Int, log: SoakLog
    ) async throws -> SoakVerdict {
        let books = journal.snapshot
        var verdict = SoakVerdict()
        verdict.seconds = settings.seconds
        verdict.committed = books.acknowledged.count
        verdict.failed = books.failed.count
        verdict.ambiguous = books.ambiguous.count
        verdict.running = books.running.count
        verdict.errorKinds = books.errorKinds
        verdict.longest = books.longest
        verdict.ambiguousApplied = books.ambiguous.count { audit.ledgerIDs.contains($0) }
        verdict.acknowledgedMissing = books.acknowledged.count { !audit.ledgerIDs.contains($0) }
        verdict.failedPresent = books.failed.count { audit.ledgerIDs.contains($0) }
        var known = Set(books.acknowledged)
        known.formUnion(books.failed)
        known.formUnion(books.ambiguous)
        known.formUnion(books.running)
        verdict.unknownRows = audit.ledgerIDs.count { !known.contains($0) }
        verdict.duplicateRows = audit.duplicateRows
        verdict.ledgerRows = audit.ledgerRows
        verdict.inconsistentAccounts = audit.inconsistentAccounts
        verdict.totalDrift = audit.totalBalance - audit.expectedTotal

        verdict.hung = hung
        verdict.poolMaximum = settings.poolMaximum
        verdict.retries = pool.counters.retries
        verdict.inUseAfterWork = pool.counters.inUse
        // Backends of connections cut a moment ago may still be ending: wait up to 5 s.
        verdict.serverConnectionsAfterWork = try await settle(within: 5) {
            try await control.connections(named: settings.applicationName)
        } until: { $0 <= settings.poolMaximum }
        log.line("after the work: pool \(pool.counters); server connections of \(settings.applicationName): \(verdict.serverConnectionsAfterWork)")

        let closed = Flag()
        Task {
            await pool.close()
            closed.set()
        }
        if !(try await settle(within: 10) { closed.isSet } until: { $0 }) { log.line("pool.close() has not returned within 10 s") }
        verdict.leftAfterClose = try await settle(within: 5) {
            max(try await control.connections(named: settings.applicationName), proxy.counters.open)
        } until: { $0 == 0 }
        return verdict
    }

    /// Samples `value` every 100 ms until `done` holds or `seconds` pass; returns the last sample.
    private static func settle<T>(within seconds: Int, _ value: () async throws -> T, until done: (T) -> Bool) async throws -> T {
        var sample = try await value()
        for _ in 0..<(seconds * 10) where !done(sample) {
            try await Task.sleep(for: .milliseconds(100))
            sample = try await value()
        }
        return sample
    }

    /// The summary, then as the last line `committed=N lost=0 doubled=0 leaked=0 ambiguous=K`.
    func print(on log: SoakLog, faultFailures: [String], proxy: FaultProxy) {
        let kinds = errorKinds.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        log.line("transfers: \(committed) acknowledged (\(committed / max(1, seconds))/s over \(seconds) s), \(failed) failed, "
            + "\(ambiguous) ambiguous (\(ambiguousApplied) applied, \(ambiguous - ambiguousApplied) not), "
            + "\(running) unfinished; \(retries) retries; longest transfer \(SoakLog.seconds(longest)) s; "
            + "errors: \(kinds.isEmpty ? "none" : kinds)")
        log.line("ledger: \(ledgerRows) rows; acknowledged missing \(acknowledgedMissing), failed present \(failedPresent), "
            + "ids twice \(duplicateRows), rows of no transfer \(unknownRows), accounts off the ledger \(inconsistentAccounts), "
            + "total balance drift \(totalDrift)")
        log.line("connections: in use after the work \(inUseAfterWork), hung tasks \(hung), server connections after the work "
            + "\(serverConnectionsAfterWork) (pool maximum \(poolMaximum)), left after close \(leftAfterClose); proxy: \(proxy.counters)")
        for failure in faultFailures { log.line("fault not injected: \(failure)") }
        SoakLog.write("committed=\(committed) lost=\(lost) doubled=\(doubled) leaked=\(leaked) ambiguous=\(ambiguous)")
    }
}

/// A flag set once, from any task.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
