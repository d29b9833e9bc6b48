extension ConnectionPool {
    /// Watches leases while they are held: a lease older than `leaseWarningThreshold` is
    /// reported once, while it is still held (a stuck body, a transaction left open), not only
    /// when it ends. Started with the pool; ends when the pool is closed or released.
    func startLeaseMonitor() {
        let interval = max(configuration.leaseWarningThreshold / 2, .milliseconds(10))
        let threshold = configuration.leaseWarningThreshold.nanoseconds
        Task.detached { [weak self] in
            var warned: Set<LeaseKey> = []
            while true {
                try? await Task.sleep(for: interval)
                guard let self, !self.shell.withLock({ $0.machine.isClosed }) else { return }
                let now = monotonicNanoseconds()
                let held = self.shell.withLock { $0.machine.leases(olderThan: threshold, now: now) }
                let current = Set(held.map { LeaseKey(slot: $0.slot, since: $0.since) })
                for lease in current.subtracting(warned) {
                    self.log(.warning, "a connection has been leased for \((now &- lease.since) / 1_000_000_000) s "
                        + "(threshold \(self.configuration.leaseWarningThreshold)); is a transaction left open?")
                }
                warned = warned.intersection(current).union(current)
            }
        }
    }

    struct LeaseKey: Hashable {
        var slot: Int
        var since: UInt64
    }
}

extension PoolStateMachine {
    /// The leases held longer than `threshold`.
    func leases(olderThan threshold: UInt64, now: UInt64) -> [(slot: Int, since: UInt64)] {
        slots.compactMap { slot, record in
            guard case .leased(let since) = record.state, now &- since > threshold else { return nil }
            return (slot, since)
        }
    }
}
