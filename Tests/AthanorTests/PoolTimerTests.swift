@testable import Athanor
import Testing

/// Every clock of the pool is a timer of its state machine, tested here with a fake clock:
/// times are plain nanosecond values, and `fireTimers(now:)` is what the timer thread delivers.
struct PoolTimerTests {
    let second: UInt64 = 1_000_000_000

    func machine(
        size: Int = 1, overflow: Int = 0, timeout: UInt64 = 30, recycle: UInt64? = nil, leaseWarning: UInt64? = nil
    ) -> PoolStateMachine {
        PoolStateMachine(settings: .init(
            size: size, maxOverflow: overflow, timeout: timeout * second, recycle: recycle.map { $0 * second },
            recycleJitter: 0.1, hostCount: 1, leaseWarning: leaseWarning.map { $0 * second }))
    }

    /// A pool of one connection, leased by request 1 at time 0.
    func leasedPool(timeout: UInt64 = 30, leaseWarning: UInt64? = nil) -> PoolStateMachine {
        var pool = machine(timeout: timeout, leaseWarning: leaseWarning)
        _ = pool.lease(request: 1, now: 0)
        _ = pool.connected(slot: 0, now: 0, reachedHost: 0, jitter: 0)
        return pool
    }

    // MARK: The lease deadline

    @Test func theFirstWaiterSetsTheLeaseDeadlineAndLaterOnesDoNot() {
        var pool = leasedPool(timeout: 2)
        #expect(pool.timers.leaseDeadline == nil)  // request 1 was served: its timer is cancelled
        let first = pool.lease(request: 2, now: 1 * second)
        #expect(first.schedule.map(\.timer) == [.leaseDeadline])
        #expect(first.schedule.map(\.deadline) == [3 * second])
        #expect(pool.lease(request: 3, now: 2 * second).schedule.isEmpty)  // due later: no wake-up needed
        #expect(pool.timers.leaseDeadline == 3 * second)
    }

    @Test func theLeaseDeadlineFailsWaitersThenFollowsTheNextOne() {
        var pool = leasedPool(timeout: 2)
        _ = pool.lease(request: 2, now: 1 * second)
        _ = pool.lease(request: 3, now: 2 * second)
        #expect(pool.fireTimers(now: 3 * second - 1) == .init())  // an early wake-up does nothing
        let fired = pool.fireTimers(now: 3 * second)
        #expect(fired.fail.map(\.request) == [2])
        #expect(fired.fail.first?.error == .timeout)
        #expect(fired.schedule.map(\.timer) == [.leaseDeadline])
        #expect(fired.schedule.map(\.deadline) == [4 * second])
        #expect(pool.fireTimers(now: 4 * second).fail.map(\.request) == [3])
        #expect(pool.timers.leaseDeadline == nil)
        #expect(pool.snapshot().timeouts == 2)
    }

    @Test func aWaiterServedOrCancelledCancelsTheLeaseDeadline() {
        var pool = leasedPool()
        _ = pool.lease(request: 2, now: 1)
        _ = pool.release(slot: 0, now: 2, reusable: true)  // served
        #expect(pool.timers.leaseDeadline == nil)
        _ = pool.lease(request: 3, now: 3)
        _ = pool.cancel(request: 3)
        #expect(pool.timers.leaseDeadline == nil)
        #expect(pool.fireTimers(now: 100 * second) == .init())
    }

    @Test func aReplacedConnectionsWaiterKeepsItsEarlierDeadline() {
        var pool = leasedPool()
        _ = pool.lease(request: 2, now: 5 * second)  // deadline 35 s
        let replaced = pool.pingFailed(slot: 0, request: 3, deadline: 20 * second, now: 6 * second)
        #expect(replaced.schedule.map(\.deadline) == [20 * second])
        #expect(pool.fireTimers(now: 20 * second).fail.map(\.request) == [3])
        #expect(pool.timers.leaseDeadline == 35 * second)
    }

    // MARK: The long-lease warning

    @Test func aLeaseHeldPastTheThresholdIsReportedOnce() {
        var pool = machine(size: 2, leaseWarning: 10)
        let first = pool.lease(request: 1, now: 0)
        _ = pool.connected(slot: 0, now: 1 * second, reachedHost: 0, jitter: 0)  // leased at 1 s
        #expect(first.schedule.map(\.timer) == [.leaseDeadline])
        #expect(pool.timers.leaseWarning == 11 * second)
        _ = pool.lease(request: 2, now: 2 * second)
        _ = pool.connected(slot: 1, now: 4 * second, reachedHost: 0, jitter: 0)  // leased at 4 s
        #expect(pool.timers.leaseWarning == 11 * second)  // the older lease's comes first
        let fired = pool.fireTimers(now: 11 * second)
        #expect(fired.warnLeases == [10 * second])
        #expect(fired.schedule.map(\.timer) == [.leaseWarning])
        #expect(fired.schedule.map(\.deadline) == [14 * second])
        _ = pool.release(slot: 1, now: 12 * second, reusable: true)
        // The second lease ended in time; the first was reported already: nothing, and no timer.
        #expect(pool.fireTimers(now: 14 * second) == .init())
        #expect(pool.timers.leaseWarning == nil)
    }

    @Test func theFastPathLeaseSetsTheWarningTimerWhenNoneIsSet() {
        var pool = leasedPool(leaseWarning: 10)
        _ = pool.release(slot: 0, now: 1 * second, reusable: true)
        #expect(pool.fireTimers(now: 10 * second) == .init())  // lease 1 ended in time
        let leased = pool.leaseIdle(now: 20 * second)
        #expect(leased?.slot == 0 && leased?.wake == 30 * second)
        _ = pool.release(slot: 0, now: 21 * second, reusable: true)
        #expect(pool.leaseIdle(now: 22 * second)?.wake == nil)  // already set (for 30 s)
        let early = pool.fireTimers(now: 30 * second)  // leased at 22 s: not yet, then at 32 s
        #expect(early.warnLeases.isEmpty && early.schedule.map(\.deadline) == [32 * second])
        #expect(pool.fireTimers(now: 32 * second).warnLeases == [10 * second])
    }

    @Test func withoutAThresholdNoWarningTimerIsSet() {
        let pool = leasedPool(leaseWarning: nil)
        #expect(pool.timers.leaseWarning == nil)
    }

    // MARK: Recycling idle connections

    @Test func idleConnectionsPastTheirAgeAreReapedByTheRecycleTimer() {
        var pool = machine(size: 3, recycle: 10)
        for request in 0..<3 { _ = pool.lease(request: request, now: 0) }
        // Jitter 0: 10 s; jitter 1: 9 s.
        _ = pool.connected(slot: 0, now: 0, reachedHost: 0, jitter: 0)
        _ = pool.connected(slot: 1, now: 0, reachedHost: 0, jitter: 1)
        _ = pool.connected(slot: 2, now: 0, reachedHost: 0, jitter: 1)
        #expect(pool.release(slot: 0, now: second, reusable: true).schedule.map(\.deadline) == [10 * second])
        #expect(pool.release(slot: 1, now: second, reusable: true).schedule.map(\.deadline) == [9 * second])
        #expect(pool.fireTimers(now: 8 * second) == .init())
        let first = pool.fireTimers(now: 9 * second)
        #expect(first.close == [1])
        #expect(first.schedule.map(\.deadline) == [10 * second])  // then slot 0's age
        // Slot 2 is leased: left alone (replaced at its next checkout).
        #expect(pool.fireTimers(now: 10 * second).close == [0])
        #expect(pool.timers.recycle == nil)
        let counters = pool.snapshot()
        #expect(counters.reaped == 2 && counters.replaced == 0)
        #expect(counters.open == 1 && counters.inUse == 1)
        // A new lease connects anew.
        #expect(pool.lease(request: 9, now: 11 * second).connect.count == 1)
    }

    @Test func withoutRecycleNoRecycleTimerIsSet() {
        var pool = leasedPool()
        #expect(pool.release(slot: 0, now: 1, reusable: true) == .init())
        #expect(pool.timers.recycle == nil)
        #expect(pool.fireTimers(now: .max - 1) == .init())
    }

    // MARK: Connect backoff

    @Test func aFailedConnectRetriesAfterABackoffTimerWhileWaitersRemain() {
        var pool = machine(size: 2)
        _ = pool.lease(request: 1, now: 0)
        let first = pool.connectFailed(slot: 0, now: 1)
        #expect(first.connect.isEmpty)
        #expect(first.schedule.map(\.timer) == [.connectBackoff(slot: 1)])
        #expect(first.schedule.map(\.deadline) == [1 + 100_000_000])
        // The slot counts as connecting meanwhile: a second waiter opens a second connection only.
        #expect(pool.lease(request: 2, now: 2).connect.map(\.slot) == [2])
        #expect(pool.fireTimers(now: 100_000_000) == .init())
        #expect(pool.fireTimers(now: 1 + 100_000_000).connect.map(\.slot) == [1])
        #expect(pool.timers.connectBackoff.isEmpty)
        let second = pool.connectFailed(slot: 1, now: 200_000_000)
        #expect(second.schedule.map(\.deadline) == [400_000_000])
        #expect(pool.snapshot().connectFailures == 2)
    }

    @Test func withNoWaiterLeftAFailedConnectIsNotRetried() {
        var pool = machine()
        _ = pool.lease(request: 1, now: 0)
        _ = pool.cancel(request: 1)
        #expect(pool.connectFailed(slot: 0, now: 1) == .init())
        #expect(pool.timers == TimerAgenda())
    }

    // MARK: Close

    @Test func closeCancelsEveryTimerAndDropsBackingOffConnections() {
        var pool = machine(size: 2, recycle: 60, leaseWarning: 10)
        _ = pool.lease(request: 1, now: 0)
        _ = pool.lease(request: 2, now: 0)
        _ = pool.connected(slot: 0, now: 0, reachedHost: 0, jitter: 0)
        _ = pool.connectFailed(slot: 1, now: 1)  // backing off, request 2 waiting
        _ = pool.release(slot: 0, now: 2, reusable: true)  // served to request 2
        _ = pool.release(slot: 0, now: 3, reusable: true)  // idle: recycle timer
        #expect(pool.timers.recycle != nil && pool.timers.leaseWarning != nil && pool.timers.connectBackoff.count == 1)
        let closing = pool.close()
        #expect(pool.timers == TimerAgenda())
        #expect(closing.close == [0])
        #expect(closing.drained)
        #expect(pool.fireTimers(now: 100 * second) == .init())
    }

    @Test func theLastConnectionToCloseReportsThePoolDrainedOnce() {
        var pool = machine(size: 2)
        _ = pool.lease(request: 1, now: 0)
        _ = pool.lease(request: 2, now: 0)
        _ = pool.connected(slot: 0, now: 0, reachedHost: 0, jitter: 0)  // leased; slot 1 still connecting
        #expect(!pool.close().drained)
        #expect(!pool.release(slot: 0, now: 1, reusable: true).drained)
        let late = pool.connected(slot: 1, now: 2, reachedHost: 0, jitter: 0)
        #expect(late.close == [1] && late.drained)
        #expect(!pool.release(slot: 0, now: 3, reusable: true).drained)
        #expect(!pool.close().drained)
    }

    @Test func aPoolWithNothingOpenIsDrainedAtClose() {
        var pool = machine()
        #expect(pool.close().drained)
    }

    @Test func aWaiterReplacingAConnectionOfAClosedPoolFails() {
        var pool = leasedPool()
        _ = pool.close()
        let replaced = pool.pingFailed(slot: 0, request: 2, deadline: 30 * second, now: 1)
        #expect(replaced.fail.map(\.request) == [2])
        #expect(replaced.fail.first?.error == .closed)
        #expect(replaced.close == [0] && replaced.drained)
        #expect(pool.waiters.isEmpty)
    }
}
