/// The pool's logic as a pure value: events in, actions out, time passed in (nanoseconds), so
/// timeouts, recycling, waiter order and every timer are tested with a fake clock. The shell
/// (``ConnectionPool``) runs the actions outside its lock; its one timer thread wakes by the
/// deadlines the actions schedule and delivers ``fireTimers(now:)`` (see `+Timers`).
struct PoolStateMachine {
    struct Settings {
        var size: Int
        var maxOverflow: Int
        var timeout: UInt64
        var recycle: UInt64?
        var recycleJitter: Double
        var hostCount: Int
        /// Leases held this long are reported (once each); nil for never.
        var leaseWarning: UInt64? = nil
        var hostDownFor: UInt64 = 5_000_000_000
    }

    enum SlotState: Equatable {
        case connecting
        case idle(since: UInt64)
        case leased(since: UInt64)
    }

    struct Slot {
        var state: SlotState
        var host: Int
        var recycleAt: UInt64 = .max
        /// The current lease was reported as held too long.
        var leaseWarned = false
    }

    struct Waiter {
        var id: Int
        var deadline: UInt64
    }

    /// What the shell must do.
    struct Actions: Equatable {
        /// Hand slot's connection to a request; `idleFor` lets the shell decide on pre-ping.
        var deliver: [(request: Int, slot: Int, idleFor: UInt64)] = []
        var fail: [(request: Int, error: Failure)] = []
        /// Open a connection for a slot, now.
        var connect: [(slot: Int, host: Int)] = []
        var close: [Int] = []
        /// Timers set or moved earlier: the timer thread must be awake by each deadline.
        /// (A cancelled timer needs no action: the machine forgets it, and a wake-up at its
        /// old deadline finds nothing due.)
        var schedule: [(timer: PoolTimer, deadline: UInt64)] = []
        /// Leases held past the warning threshold, by how long they have been held: logged.
        var warnLeases: [UInt64] = []
        /// The pool is closed and its last connection is closed: `close()` may return.
        var drained = false

        static func == (lhs: Actions, rhs: Actions) -> Bool {
            lhs.deliver.map { [$0.request, $0.slot] } == rhs.deliver.map { [$0.request, $0.slot] }
                && lhs.fail.map(\.request) == rhs.fail.map(\.request)
                && lhs.connect.map { [$0.slot, $0.host] } == rhs.connect.map { [$0.slot, $0.host] }
                && lhs.close == rhs.close
                && lhs.schedule.map(\.timer) == rhs.schedule.map(\.timer)
                && lhs.schedule.map(\.deadline) == rhs.schedule.map(\.deadline)
                && lhs.warnLeases == rhs.warnLeases && lhs.drained == rhs.drained
        }
    }

    enum Failure: Equatable {
        case timeout
        case closed
        case cancelled
    }

    var settings: Settings
    var slots: [Int: Slot] = [:]
    var idle: [Int] = []
    var waiters: [Waiter] = []
    var nextSlot = 0
    var nextHost = 0
    var hostDownUntil: [UInt64]
    var consecutiveConnectFailures = 0
    var isClosed = false
    var drainReported = false
    var counters = PoolCounters()
    /// The timers set, by deadline.
    var timers = TimerAgenda()

    init(settings: Settings) {
        self.settings = settings
        self.hostDownUntil = Array(repeating: 0, count: max(1, settings.hostCount))
    }

    var capacity: Int { settings.size + settings.maxOverflow }

    /// A caller wants a connection, by `deadline` (by default `timeout` from now).
    mutating func lease(request: Int, now: UInt64, deadline: UInt64? = nil) -> Actions {
        let deadline = deadline ?? now &+ settings.timeout
        var actions = Actions()
        guard !isClosed else {
            actions.fail.append((request, .closed))
            return actions
        }
        if let slot = takeIdle() {
            if let recycleAt = slots[slot]?.recycleAt, now >= recycleAt {
                replace(slot, now: now, into: &actions)
                counters.waits += 1
                enqueue(Waiter(id: request, deadline: deadline), first: true, into: &actions)
            } else {
                deliver(slot, to: request, now: now, into: &actions)
            }
            return actions
        }
        counters.waits += 1
        enqueue(Waiter(id: request, deadline: deadline), first: false, into: &actions)
        if slots.count < capacity && connectingCount < waiters.count {
            startConnect(now: now, delay: 0, into: &actions)
        }
        return actions
    }

    /// A caller wants a connection and the first idle one is not due for recycling: it is leased
    /// at once, with no request queued (the fast path of ``lease(request:now:)``, same outcome),
    /// with the deadline by which the timer thread must wake when this lease set a timer.
    /// Nil otherwise, and nothing changed: the caller then goes through `lease(request:now:)`.
    mutating func leaseIdle(now: UInt64) -> (slot: Int, idleFor: UInt64, wake: UInt64?)? {
        guard !isClosed, let slot = idle.first, let record = slots[slot], now < record.recycleAt else { return nil }
        idle.removeFirst()
        var actions = Actions()
        let idleFor = markLeased(slot, now: now, into: &actions)
        return (slot, idleFor, actions.schedule.first?.deadline)
    }

    /// A connection attempt succeeded; `reachedHost` is the host libpq ended up on.
    mutating func connected(slot: Int, now: UInt64, reachedHost: Int?, jitter: Double) -> Actions {
        var actions = Actions()
        guard var record = slots[slot] else { return actions }
        consecutiveConnectFailures = 0
        if let reachedHost, reachedHost != record.host, record.host < hostDownUntil.count {
            hostDownUntil[record.host] = now &+ settings.hostDownFor
            record.host = reachedHost
        }
        if let recycle = settings.recycle {
            record.recycleAt = now &+ UInt64(Double(recycle) * (1 - settings.recycleJitter * jitter))
        }
        slots[slot] = record
        if isClosed {
            slots[slot] = nil
            actions.close.append(slot)
            reportDrained(into: &actions)
            return actions
        }
        makeAvailable(slot, now: now, into: &actions)
        return actions
    }

    /// A connection attempt failed; the error is remembered by the shell for timeouts. While
    /// requests wait, the next attempt starts after a backoff (a timer).
    mutating func connectFailed(slot: Int, now: UInt64) -> Actions {
        var actions = Actions()
        guard let record = slots.removeValue(forKey: slot) else { return actions }
        counters.connectFailures += 1
        consecutiveConnectFailures += 1
        if record.host < hostDownUntil.count { hostDownUntil[record.host] = now &+ settings.hostDownFor }
        if !isClosed && !waiters.isEmpty && connectingCount < waiters.count {
            let delay = min(UInt64(100_000_000) << UInt64(min(consecutiveConnectFailures - 1, 5)), 2_000_000_000)
            startConnect(now: now, delay: delay, into: &actions)
        }
        reportDrained(into: &actions)
        return actions
    }

    /// A lease ended. `reusable` is false for broken or suspect connections.
    mutating func release(slot: Int, now: UInt64, reusable: Bool) -> Actions {
        var actions = Actions()
        guard slots[slot] != nil else { return actions }
        if !reusable || isClosed {
            discard(slot, now: now, into: &actions)
            reportDrained(into: &actions)
            return actions
        }
        makeAvailable(slot, now: now, into: &actions)
        return actions
    }

    /// A delivered connection failed its pre-ping: replace it for the same request, first in
    /// line (or fail the request when the pool closed meanwhile).
    mutating func pingFailed(slot: Int, request: Int, deadline: UInt64, now: UInt64) -> Actions {
        var actions = Actions()
        if slots.removeValue(forKey: slot) != nil {
            counters.replaced += 1
            actions.close.append(slot)
        }
        guard !isClosed else {
            actions.fail.append((request, .closed))
            reportDrained(into: &actions)
            return actions
        }
        enqueue(Waiter(id: request, deadline: deadline), first: true, into: &actions)
        startConnect(now: now, delay: 0, into: &actions)
        return actions
    }

    /// Fails the waiters whose deadline has passed (the lease-deadline timer's work; a blocking
    /// waiter past its own deadline delivers it too).
    mutating func expire(now: UInt64) -> Actions {
        var actions = Actions()
        expire(now: now, into: &actions)
        return actions
    }

    /// A waiting caller was cancelled: it leaves the queue at once.
    mutating func cancel(request: Int) -> Actions {
        var actions = Actions()
        if let index = waiters.firstIndex(where: { $0.id == request }) {
            waiters.remove(at: index)
            actions.fail.append((request, .cancelled))
            if waiters.isEmpty { timers.leaseDeadline = nil }
        }
        return actions
    }

    /// Closes the pool: waiters fail, idle connections close, connections waiting out a backoff
    /// are dropped, every timer is cancelled; leased connections close on return, and the last
    /// one to close reports the pool drained.
    mutating func close() -> Actions {
        var actions = Actions()
        isClosed = true
        actions.fail = waiters.map { ($0.id, .closed) }
        waiters.removeAll()
        for slot in idle {
            slots[slot] = nil
            actions.close.append(slot)
        }
        idle.removeAll()
        for slot in timers.connectBackoff.keys { slots[slot] = nil }
        timers = TimerAgenda()
        reportDrained(into: &actions)
        return actions
    }

    func snapshot() -> PoolCounters {
        var counters = self.counters
        counters.open = slots.count
        counters.idle = idle.count
        counters.inUse = slots.values.filter { if case .leased = $0.state { true } else { false } }.count
        counters.overflow = max(0, slots.count - settings.size)
        counters.waiting = waiters.count
        return counters
    }
}
