@testable import Athanor
import Testing

/// The idle reaper: connections past their recycle age are closed while idle.
struct ReaperStateMachineTests {
    let second: UInt64 = 1_000_000_000

    @Test func onlyIdleConnectionsPastTheirAgeAreClosed() {
        var pool = PoolStateMachine(settings: .init(
            size: 3, maxOverflow: 0, timeout: 30 * second, recycle: 10 * second, recycleJitter: 0.1, hostCount: 1))
        for request in 0..<3 { _ = pool.lease(request: request, now: 0) }
        // Jitter 0: 10 s; jitter 1: 9 s.
        _ = pool.connected(slot: 0, now: 0, reachedHost: 0, jitter: 0)
        _ = pool.connected(slot: 1, now: 0, reachedHost: 0, jitter: 1)
        _ = pool.connected(slot: 2, now: 0, reachedHost: 0, jitter: 1)
        _ = pool.release(slot: 0, now: second, reusable: true)
        _ = pool.release(slot: 1, now: second, reusable: true)
        #expect(pool.reap(now: 8 * second).close.isEmpty)
        #expect(pool.reap(now: 9 * second).close == [1])
        // Slot 2 is leased: left alone.
        #expect(pool.reap(now: 10 * second).close == [0])
        let counters = pool.snapshot()
        #expect(counters.reaped == 2)
        #expect(counters.replaced == 0)
        #expect(counters.open == 1)
        #expect(counters.inUse == 1)
        // A new lease connects anew; the leased one is replaced when it comes back and is checked out.
        #expect(pool.lease(request: 9, now: 11 * second).connect.count == 1)
        _ = pool.close()
        #expect(pool.reap(now: 100 * second).close.isEmpty)
    }

    @Test func withoutRecycleNothingIsReaped() {
        var pool = PoolStateMachine(settings: .init(
            size: 1, maxOverflow: 0, timeout: 30 * second, recycle: nil, recycleJitter: 0.1, hostCount: 1))
        _ = pool.lease(request: 1, now: 0)
        _ = pool.connected(slot: 0, now: 0, reachedHost: 0, jitter: 0)
        _ = pool.release(slot: 0, now: 1, reusable: true)
        #expect(pool.reap(now: .max - 1).close.isEmpty)
    }
}

@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct ReaperTests {
    @Test func idleConnectionsPastRecycleAreClosedWithoutACheckout() async throws {
        try await TestDatabase.with { db in
            let pool = ConnectionPool(url: db.url, configuration: .init(
                size: 2, maxOverflow: 0, recycle: .milliseconds(300), logger: .silent))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 { group.addTask { _ = try await backendPID(pool, sleep: 0.05) } }
                try await group.waitForAll()
            }
            try await waitUntil { pool.counters.open == 0 }
            #expect(pool.counters.reaped == 2)
            let admin = try await Connection.connect(to: db.url)
            try await waitForBackendsToExit(admin, database: db.name)
            admin.close()
            // The pool serves again, on a new connection.
            _ = try await backendPID(pool)
            #expect(pool.counters.open == 1)
            await pool.close()
        }
    }
}
