extension ConnectionPool {
    /// With `recycle` set, closes idle connections once they pass their (jittered) recycle age,
    /// instead of waiting for a checkout to notice: a quiet pool lets go of old connections (to a
    /// node being drained, or before a proxy's idle cutoff), and the pool reconnects lazily.
    /// Runs every quarter of `recycle` (at least every 10 ms); ends when the pool is closed or released.
    func startReaper() {
        guard let recycle = configuration.recycle else { return }
        let interval = max(recycle / 4, .milliseconds(10))
        Task.detached { [weak self] in
            while true {
                try? await Task.sleep(for: interval)
                guard let self, !self.shell.withLock({ $0.machine.isClosed }) else { return }
                self.modify { $0.reap(now: monotonicNanoseconds()) }
            }
        }
    }
}

extension PoolStateMachine {
    /// Closes the idle connections past their recycle age. Leased ones are left alone (they are
    /// replaced at their next checkout), and nothing is reopened here.
    mutating func reap(now: UInt64) -> Actions {
        var actions = Actions()
        guard !isClosed else { return actions }
        idle.removeAll { slot in
            guard let record = slots[slot], now >= record.recycleAt else { return false }
            slots[slot] = nil
            actions.close.append(slot)
            counters.reaped += 1
            return true
        }
        return actions
    }
}
