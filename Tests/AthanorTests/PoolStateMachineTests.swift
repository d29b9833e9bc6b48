@testable import Athanor
import Testing

/// The pool's logic with a fake clock: times are plain nanosecond values.
struct PoolStateMachineTests {
    let second: UInt64 = 1_000_000_000

    func machine(size: Int = 2, overflow: Int = 1, timeout: UInt64 = 30, recycle: UInt64? = nil, hosts: Int = 1) -> PoolStateMachine {
        PoolStateMachine(settings: .init(
            size: size, maxOverflow: overflow, timeout: timeout * second, recycle: recycle.map { $0 * second },
            recycleJitter: 0.1, hostCount: hosts))
    }

    @Test func firstLeaseConnectsThenDelivers() {
        var pool = machine()
        let lease = pool.lease(request: 1, now: 0)
        #expect(lease.connect.map(\.slot) == [0])
        #expect(lease.deliver.isEmpty)
        let connected = pool.connected(slot: 0, now: 5, reachedHost: 0, jitter: 0)
        #expect(connected.deliver.map(\.request) == [1])
        #expect(pool.snapshot().inUse == 1)
    }

    @Test func leaseIdleTakesAnIdleConnectionAtOnceOrNothing() {
        var pool = machine(size: 1, overflow: 0, recycle: 10)
        #expect(pool.leaseIdle(now: 0) == nil)
        _ = pool.lease(request: 1, now: 0)
        _ = pool.connected(slot: 0, now: 0, reachedHost: 0, jitter: 0)
        #expect(pool.leaseIdle(now: 1) == nil)  // leased by request 1
        _ = pool.release(slot: 0, now: 2 * second, reusable: true)
        let leased = pool.leaseIdle(now: 3 * second)
        #expect(leased?.slot == 0 && leased?.idleFor == second)
        #expect(pool.snapshot().inUse == 1 && pool.snapshot().idle == 0 && pool.snapshot().leases == 2)
        // Due for recycling: nothing leased, nothing changed; `lease(request:)` replaces it.
        _ = pool.release(slot: 0, now: 4 * second, reusable: true)
        #expect(pool.leaseIdle(now: 11 * second) == nil)
        #expect(pool.snapshot().idle == 1)
        #expect(pool.lease(request: 2, now: 11 * second).close == [0])
        _ = pool.close()
        #expect(pool.leaseIdle(now: 12 * second) == nil)
    }

    @Test func waitersAreServedFirstComeFirstServed() {
        var pool = machine(size: 1, overflow: 0)
        _ = pool.lease(request: 1, now: 0)
        _ = pool.connected(slot: 0, now: 0, reachedHost: 0, jitter: 0)
        for request in 2...4 { #expect(pool.lease(request: request, now: 1).connect.isEmpty) }
        for expected in 2...4 {
            let actions = pool.release(slot: 0, now: 2, reusable: true)
            #expect(actions.deliver.map(\.request) == [expected])
        }
        #expect(pool.release(slot: 0, now: 3, reusable: true) == .init())
        #expect(pool.snapshot().idle == 1)
    }

    @Test func neverOpensMoreThanSizePlusOverflow() {
        var pool = machine(size: 2, overflow: 1)
        var connects = 0
        for request in 1...10 { connects += pool.lease(request: request, now: 0).connect.count }
        #expect(connects == 3)
        #expect(pool.snapshot().open == 3)
        #expect(pool.snapshot().waiting == 10)
    }

    @Test func overflowConnectionsCloseOnReturn() {
        var pool = machine(size: 1, overflow: 1)
        _ = pool.lease(request: 1, now: 0)
        _ = pool.lease(request: 2, now: 0)
        _ = pool.connected(slot: 0, now: 0, reachedHost: 0, jitter: 0)
        _ = pool.connected(slot: 1, now: 0, reachedHost: 0, jitter: 0)
        #expect(pool.release(slot: 0, now: 1, reusable: true).close.isEmpty)
        #expect(pool.release(slot: 1, now: 1, reusable: true).close == [1])
        #expect(pool.snapshot().open == 1)
    }

    @Test func waitersTimeOutAtTheirDeadline() {
        var pool = machine(size: 1, overflow: 0, timeout: 2)
        _ = pool.lease(request: 1, now: 0)
        _ = pool.connected(slot: 0, now: 0, reachedHost: 0, jitter: 0)
        _ = pool.lease(request: 2, now: 1 * second)
        #expect(pool.expire(now: 2 * second).fail.isEmpty)
        let expired = pool.expire(now: 3 * second)
        #expect(expired.fail.map(\.request) == [2])
        #expect(expired.fail.first?.error == .timeout)
        #expect(pool.snapshot().timeouts == 1)
    }

    @Test func connectingCountsAgainstTheTimeout() {
        var pool = machine(timeout: 1)
        _ = pool.lease(request: 1, now: 0)
        #expect(pool.expire(now: 2 * second).fail.map(\.request) == [1])
        // The late connection then idles, ready for the next caller.
        #expect(pool.connected(slot: 0, now: 3 * second, reachedHost: 0, jitter: 0).deliver.isEmpty)
        #expect(pool.snapshot().idle == 1)
    }

    @Test func aCancelledWaiterLeavesAtOnceAndNeverReceivesAConnection() {
        var pool = machine(size: 1, overflow: 0)
        _ = pool.lease(request: 1, now: 0)
        _ = pool.connected(slot: 0, now: 0, reachedHost: 0, jitter: 0)
        _ = pool.lease(request: 2, now: 0)
        _ = pool.lease(request: 3, now: 0)
        #expect(pool.cancel(request: 2).fail.map(\.request) == [2])
        #expect(pool.snapshot().waiting == 1)
        #expect(pool.release(slot: 0, now: 1, reusable: true).deliver.map(\.request) == [3])
    }

    @Test func recycleReplacesOldConnectionsAtCheckout() {
        var pool = machine(recycle: 10)
        _ = pool.lease(request: 1, now: 0)
        _ = pool.connected(slot: 0, now: 0, reachedHost: 0, jitter: 0.5)
        _ = pool.release(slot: 0, now: 1, reusable: true)
        #expect(pool.lease(request: 2, now: 5 * second).deliver.map(\.slot) == [0])
        _ = pool.release(slot: 0, now: 6 * second, reusable: true)
        // 10 s less 5% jitter = 9.5 s.
        let late = pool.lease(request: 3, now: 9_600_000_000)
        #expect(late.close == [0])
        #expect(late.connect.count == 1)
        #expect(pool.snapshot().replaced == 1)
    }

    @Test func brokenConnectionsAreReplacedForWaiters() {
        var pool = machine(size: 1, overflow: 0)
        _ = pool.lease(request: 1, now: 0)
        _ = pool.connected(slot: 0, now: 0, reachedHost: 0, jitter: 0)
        _ = pool.lease(request: 2, now: 0)
        let release = pool.release(slot: 0, now: 1, reusable: false)
        #expect(release.close == [0])
        #expect(release.connect.count == 1)
    }

    @Test func failedPrePingReplacesWithoutLosingThePlaceInLine() {
        var pool = machine(size: 1, overflow: 0)
        _ = pool.lease(request: 1, now: 0)
        _ = pool.connected(slot: 0, now: 0, reachedHost: 0, jitter: 0)
        _ = pool.lease(request: 2, now: 0)
        let actions = pool.pingFailed(slot: 0, request: 3, deadline: 30 * second, now: 1)
        #expect(actions.close == [0])
        #expect(pool.waiters.map(\.id) == [3, 2])
        let slot = try? #require(actions.connect.first?.slot)
        #expect(pool.connected(slot: slot ?? -1, now: 2, reachedHost: 0, jitter: 0).deliver.map(\.request) == [3])
    }

    @Test func hostsAreSpreadAndDownHostsSkipped() {
        var pool = machine(size: 3, overflow: 0, hosts: 3)
        var hosts: [Int] = []
        for request in 1...3 { hosts += pool.lease(request: request, now: 0).connect.map(\.host) }
        #expect(hosts == [0, 1, 2])
        // Host 1 fails; the replacement connection (after its backoff) skips it.
        #expect(pool.connectFailed(slot: 1, now: 10).schedule.map(\.timer) == [.connectBackoff(slot: 3)])
        #expect(pool.fireTimers(now: 10 + 100_000_000).connect.map(\.host) == [0])
        #expect(pool.chooseHost(now: 20) == 2)
        #expect(pool.chooseHost(now: 20) == 0)
        #expect(pool.chooseHost(now: 10 + 6 * second) == 1)
    }

    @Test func closeFailsWaitersAndClosesIdleConnections() {
        var pool = machine(size: 1, overflow: 0)
        _ = pool.lease(request: 1, now: 0)
        _ = pool.connected(slot: 0, now: 0, reachedHost: 0, jitter: 0)
        _ = pool.lease(request: 2, now: 0)
        let closing = pool.close()
        #expect(closing.fail.map(\.request) == [2])
        #expect(closing.fail.first?.error == .closed)
        #expect(!closing.drained)
        let last = pool.release(slot: 0, now: 1, reusable: true)
        #expect(last.close == [0] && last.drained)
        #expect(pool.lease(request: 3, now: 2).fail.first?.error == .closed)
    }
}
