import AthanorFaultProxy

/// The faults, injected at spread times of the run, each followed by a line that says what it
/// did and how long the workload took to acknowledge a transfer again.
struct FaultSchedule: Sendable {
    let proxy: FaultProxy
    let control: ServerControl
    let journal: TransferJournal
    let log: SoakLog
    let seconds: Int

    /// The faults, in the order they come.
    enum Fault: CaseIterable {
        case restart, terminateAll, stall, cutAll, cutsAtCommit

        /// When it comes, as a fraction of the run.
        var at: Double {
            switch self {
            case .restart: 0.20
            case .terminateAll: 0.35
            case .stall: 0.50
            case .cutAll: 0.65
            case .cutsAtCommit: 0.80
            }
        }

        var name: String {
            switch self {
            case .restart: "server restart"
            case .terminateAll: "terminate-all"
            case .stall: "proxy stall 5 s"
            case .cutAll: "cut of every proxied connection"
            case .cutsAtCommit: "cuts at COMMIT"
            }
        }
    }

    /// Runs every fault at its time; returns the faults that could not be injected.
    func run() async -> [String] {
        var failures: [String] = []
        for fault in Fault.allCases {
            let due = Duration.milliseconds(Int(Double(seconds) * fault.at * 1_000))
            if log.elapsed < due { try? await Task.sleep(for: due - log.elapsed) }
            let started = log.elapsed
            do {
                let result = try await inject(fault)
                log.line("fault: \(fault.name): \(result), \(SoakLog.seconds(log.elapsed - started)) s")
            } catch {
                failures.append("\(fault.name): \(error)")
                log.line("fault: \(fault.name) could not be injected: \(error)")
                continue
            }
            await reportRecovery(after: fault.name)
        }
        return failures
    }

    private func inject(_ fault: Fault) async throws -> String {
        switch fault {
        case .restart:
            try await control.restart()
            return "pg_ctl restart -m fast done"
        case .terminateAll:
            return "\(try await control.terminateAll()) backends terminated"
        case .stall:
            proxy.stall()
            let before = journal.acknowledgedCount
            try? await Task.sleep(for: .seconds(5))
            let during = journal.acknowledgedCount - before
            proxy.resume()
            return "forwarding stopped (\(during) transfers acknowledged meanwhile), then resumed"
        case .cutAll:
            return "\(proxy.cutAll()) connections cut"
        case .cutsAtCommit:
            return try await cutsAtCommit()
        }
    }

    /// Two connections cut right after COMMIT went to the server (outcome unknown to the client,
    /// applied on the server), then two right before (never reached it): all four ambiguous.
    private func cutsAtCommit() async throws -> String {
        var made: [String] = []
        for timing in [CutTiming.afterForwarding, .beforeForwarding] {
            let cutsBefore = proxy.counters.cuts
            proxy.cut(when: .simpleQuery(containing: "COMMIT"), timing, times: 2)
            for _ in 0..<500 where proxy.isArmed { try await Task.sleep(for: .milliseconds(20)) }
            proxy.disarm()
            made.append("\(proxy.counters.cuts - cutsBefore) \(timing == .afterForwarding ? "after" : "before") forwarding")
        }
        return made.joined(separator: ", ")
    }

    /// Waits (at most 60 s) for the first transfer acknowledged after the fault, and says when.
    private func reportRecovery(after name: String) async {
        let ended = log.elapsed
        let baseline = journal.acknowledgedCount
        for _ in 0..<6_000 {
            if journal.acknowledgedCount > baseline {
                log.line("recovered from \(name): a transfer acknowledged \(SoakLog.seconds(log.elapsed - ended)) s after it")
                return
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        log.line("not recovered from \(name) within 60 s")
    }
}
