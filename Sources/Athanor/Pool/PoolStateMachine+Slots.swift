extension PoolStateMachine {
    var connectingCount: Int { slots.values.filter { $0.state == .connecting }.count }

    mutating func takeIdle() -> Int? {
        guard !idle.isEmpty else { return nil }
        return idle.removeFirst()
    }

    mutating func deliver(_ slot: Int, to request: Int, now: UInt64, into actions: inout Actions) {
        actions.deliver.append((request, slot, markLeased(slot, now: now, into: &actions)))
    }

    /// Sets a slot's state, if the slot exists. A get and an `updateValue` rather than
    /// `slots[slot]?.state = state`: the dictionary's modify accessor allocated once per call
    /// (two allocations per lease in the benchmarks' W5).
    /// (A new state also starts a new lease's record: not warned yet.)
    mutating func setState(_ slot: Int, _ state: SlotState) {
        guard var record = slots[slot] else { return }
        record.state = state
        record.leaseWarned = false
        slots.updateValue(record, forKey: slot)
    }

    /// Marks a slot leased; how long it was idle.
    mutating func markLeased(_ slot: Int, now: UInt64, into actions: inout Actions) -> UInt64 {
        var idleFor: UInt64 = 0
        if case .idle(let since)? = slots[slot]?.state { idleFor = now &- since }
        setState(slot, .leased(since: now))
        counters.leases += 1
        armLeaseWarning(now: now, into: &actions)
        return idleFor
    }

    /// A connection is free: the first waiter gets it; else it idles, or closes as overflow.
    mutating func makeAvailable(_ slot: Int, now: UInt64, into actions: inout Actions) {
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            if waiters.isEmpty { timers.leaseDeadline = nil }
            _ = markLeased(slot, now: now, into: &actions)
            actions.deliver.append((waiter.id, slot, 0))
            return
        }
        if idle.count >= settings.size {
            slots[slot] = nil
            actions.close.append(slot)
            return
        }
        setState(slot, .idle(since: now))
        idle.append(slot)
        if let recycleAt = slots[slot]?.recycleAt, recycleAt != .max { armRecycle(recycleAt, into: &actions) }
    }

    /// Queues a waiter, at the end or first in line, and makes sure the lease-deadline timer
    /// fires by its deadline.
    mutating func enqueue(_ waiter: Waiter, first: Bool, into actions: inout Actions) {
        if first { waiters.insert(waiter, at: 0) } else { waiters.append(waiter) }
        armLeaseDeadline(waiter.deadline, into: &actions)
    }

    mutating func discard(_ slot: Int, now: UInt64, into actions: inout Actions) {
        slots[slot] = nil
        actions.close.append(slot)
        counters.replaced += isClosed ? 0 : 1
        if !isClosed && !waiters.isEmpty && slots.count < capacity && connectingCount < waiters.count {
            startConnect(now: now, delay: 0, into: &actions)
        }
    }

    /// Closes an old connection and opens its replacement.
    mutating func replace(_ slot: Int, now: UInt64, into actions: inout Actions) {
        slots[slot] = nil
        actions.close.append(slot)
        counters.replaced += 1
        startConnect(now: now, delay: 0, into: &actions)
    }

    /// A new slot, connecting: at once, or after `delay` (a backoff timer; the slot counts as
    /// connecting meanwhile).
    mutating func startConnect(now: UInt64, delay: UInt64, into actions: inout Actions) {
        let slot = nextSlot
        nextSlot += 1
        let host = chooseHost(now: now)
        slots[slot] = Slot(state: .connecting, host: host)
        if delay == 0 {
            actions.connect.append((slot, host))
        } else {
            schedule(.connectBackoff(slot: slot), at: now &+ delay, into: &actions)
        }
    }

    /// Reports the pool drained, once: closed, and its last connection gone.
    mutating func reportDrained(into actions: inout Actions) {
        guard isClosed, slots.isEmpty, !drainReported else { return }
        drainReported = true
        actions.drained = true
    }

    /// Round robin over the hosts, skipping those that failed recently (unless all did).
    mutating func chooseHost(now: UInt64) -> Int {
        let count = hostDownUntil.count
        for offset in 0..<count {
            let host = (nextHost + offset) % count
            if hostDownUntil[host] <= now {
                nextHost = (host + 1) % count
                return host
            }
        }
        let host = nextHost % count
        nextHost = (host + 1) % count
        return host
    }
}
