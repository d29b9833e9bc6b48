/// Every clock of the pool, as timers of the state machine (postgres-nio's pool does the same):
/// an event that needs a later wake-up sets a timer and returns a `schedule` action; the
/// shell's one timer thread (``PoolTimerThread``) sleeps until the earliest and then delivers
/// ``PoolStateMachine/fireTimers(now:)``, which does the work of every timer due.
enum PoolTimer: Hashable {
    /// The earliest waiter's deadline: waiters past theirs fail with a pool timeout.
    case leaseDeadline
    /// The earliest lease not yet reported reaches the warning threshold.
    case leaseWarning
    /// The earliest idle connection reaches its recycle age: it is closed (reaped).
    case recycle
    /// A connection attempt waits out its backoff after a failed one.
    case connectBackoff(slot: Int)
}

/// The timers set, each with its deadline (nanoseconds): one of each kind, and one backoff per
/// connecting slot. Stored fields rather than a dictionary: a lease checks one on the hot path.
struct TimerAgenda: Equatable {
    var leaseDeadline: UInt64?
    var leaseWarning: UInt64?
    var recycle: UInt64?
    var connectBackoff: [Int: UInt64] = [:]

    subscript(timer: PoolTimer) -> UInt64? {
        get {
            switch timer {
            case .leaseDeadline: leaseDeadline
            case .leaseWarning: leaseWarning
            case .recycle: recycle
            case .connectBackoff(let slot): connectBackoff[slot]
            }
        }
        set {
            switch timer {
            case .leaseDeadline: leaseDeadline = newValue
            case .leaseWarning: leaseWarning = newValue
            case .recycle: recycle = newValue
            case .connectBackoff(let slot): connectBackoff[slot] = newValue
            }
        }
    }

    /// The deadline of the timer due first.
    var earliest: UInt64? {
        ([leaseDeadline, leaseWarning, recycle].compactMap { $0 } + connectBackoff.values).min()
    }
}

extension PoolStateMachine {
    /// Sets (or moves) a timer.
    mutating func schedule(_ timer: PoolTimer, at deadline: UInt64, into actions: inout Actions) {
        timers[timer] = deadline
        actions.schedule.append((timer, deadline))
    }

    /// Makes the lease-deadline timer fire by `deadline`.
    mutating func armLeaseDeadline(_ deadline: UInt64, into actions: inout Actions) {
        if let set = timers.leaseDeadline, set <= deadline { return }
        schedule(.leaseDeadline, at: deadline, into: &actions)
    }

    /// A lease began at `now`: unless a warning timer is already set (for an older lease, so
    /// earlier), one is set for this lease's threshold.
    mutating func armLeaseWarning(now: UInt64, into actions: inout Actions) {
        guard timers.leaseWarning == nil, let threshold = settings.leaseWarning else { return }
        schedule(.leaseWarning, at: now &+ threshold, into: &actions)
    }

    /// A connection went idle: the recycle timer fires by its recycle age.
    mutating func armRecycle(_ recycleAt: UInt64, into actions: inout Actions) {
        if let set = timers.recycle, set <= recycleAt { return }
        schedule(.recycle, at: recycleAt, into: &actions)
    }

    /// Does the work of every timer due at `now`; each sets itself again for what remains.
    mutating func fireTimers(now: UInt64) -> Actions {
        var actions = Actions()
        if let deadline = timers.leaseDeadline, deadline <= now {
            timers.leaseDeadline = nil
            expire(now: now, into: &actions)
        }
        if let deadline = timers.leaseWarning, deadline <= now {
            timers.leaseWarning = nil
            warnLongLeases(now: now, into: &actions)
        }
        if let deadline = timers.recycle, deadline <= now {
            timers.recycle = nil
            reap(now: now, into: &actions)
        }
        for (slot, deadline) in timers.connectBackoff where deadline <= now {
            timers.connectBackoff[slot] = nil
            if let record = slots[slot], !isClosed { actions.connect.append((slot, record.host)) }
        }
        return actions
    }

    /// Fails the waiters past their deadline; the timer then follows the earliest left.
    mutating func expire(now: UInt64, into actions: inout Actions) {
        waiters.removeAll { waiter in
            guard waiter.deadline <= now else { return false }
            actions.fail.append((waiter.id, .timeout))
            counters.timeouts += 1
            return true
        }
        if let next = waiters.lazy.map(\.deadline).min() {
            armLeaseDeadline(next, into: &actions)
        } else {
            timers.leaseDeadline = nil
        }
    }

    /// Reports each lease held past the threshold, once; the timer then follows the earliest
    /// lease not reported yet. Started by the first lease, it stays off while nothing is leased.
    mutating func warnLongLeases(now: UInt64, into actions: inout Actions) {
        guard let threshold = settings.leaseWarning else { return }
        var next: UInt64?
        for (slot, record) in slots {
            guard case .leased(let since) = record.state, !record.leaseWarned else { continue }
            let due = since &+ threshold
            if due <= now {
                actions.warnLeases.append(now &- since)
                slots[slot]?.leaseWarned = true
            } else {
                next = min(next ?? due, due)
            }
        }
        if let next { schedule(.leaseWarning, at: next, into: &actions) }
    }

    /// Closes the idle connections past their recycle age (leased ones are replaced at their
    /// next checkout; nothing is reopened here); the timer then follows the earliest idle one.
    mutating func reap(now: UInt64, into actions: inout Actions) {
        guard !isClosed else { return }
        var next: UInt64?
        idle.removeAll { slot in
            guard let record = slots[slot] else { return false }
            guard now >= record.recycleAt else {
                if record.recycleAt != .max { next = min(next ?? record.recycleAt, record.recycleAt) }
                return false
            }
            slots[slot] = nil
            actions.close.append(slot)
            counters.reaped += 1
            return true
        }
        if let next { armRecycle(next, into: &actions) }
    }
}
