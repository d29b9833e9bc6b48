@testable import Athanor
import Foundation
import Testing

@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct PoolTests {
    func pool(_ db: TestDatabase, size: Int = 2, overflow: Int = 1, timeout: Duration = .seconds(30),
              recycle: Duration? = nil) -> ConnectionPool {
        ConnectionPool(url: db.url, configuration: PoolConfiguration(
            size: size, maxOverflow: overflow, timeout: timeout, recycle: recycle, logger: .silent))
    }

    @Test func moreTasksThanConnectionsAllFinish() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db, size: 2, overflow: 2)
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await pool.withConnection { conn in
                            try await conn.query("SELECT $1::int8, pg_sleep(0.002)", [index])[0].decode(Int.self, at: 0)
                        }
                    }
                }
                var total = 0
                for try await value in group { total += value }
                #expect(total == (0..<40).reduce(0, +))
            }
            let counters = pool.counters
            #expect(counters.open <= 4)
            #expect(counters.leases == 40)
            #expect(counters.idle == 2)
            await pool.close()
            #expect(pool.counters.open == 0)
        }
    }

    /// The runtime's threads carry their own names (top, perf, debuggers): connection threads, and
    /// the pool's timer thread (lease deadlines, long-lease warnings, recycling, connect backoffs).
    @Test func theRuntimesThreadsAreNamed() async throws {
        func threadNames() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").compactMap { task in
                try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        try await TestDatabase.with { db in
            // Long enough for the first connect on a loaded machine; the inner lease waits it out.
            let pool = pool(db, size: 1, overflow: 0, timeout: .seconds(2))
            try await pool.withConnection { _ in
                await #expect(throws: AthanorError.self) { try await pool.withConnection { _ in } }  // waits, times out
                let names = try threadNames()
                #expect(names.contains("athanor-conn"), "\(names)")
                #expect(names.contains("athanor-timers"), "\(names)")
            }
            await pool.close()
        }
    }

    @Test func aShortTimeoutGivesThePoolTimeoutError() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db, size: 1, overflow: 0, timeout: .seconds(1))
            _ = try await backendPID(pool)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        do {
                            try await pool.withConnection { conn in _ = try await conn.query("SELECT pg_sleep(3)") }
                            return true
                        } catch let error as AthanorError where error.isPoolTimeout {
                            #expect(error.description.contains("pool timeout"))
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(pool.counters.timeouts == 2)
            await pool.close()
        }
    }

    @Test func aTimeoutCarriesTheLastConnectError() async throws {
        let admin = try TestDatabase.adminURL()
        var url = admin
        url.database = "athanor_no_such_database"
        let pool = ConnectionPool(url: url, configuration: .init(timeout: .seconds(4), logger: .silent))
        do {
            try await pool.withConnection { _ in }
            Issue.record("expected a timeout")
        } catch let error as AthanorError {
            guard case .poolTimeout(let timeout) = error else { Issue.record("wrong error \(error)"); return }
            #expect(timeout.lastConnectError?.sqlState == .invalidCatalogName)
            #expect(error.description.contains("3D000"))
        }
        await pool.close()
    }

    @Test func overflowConnectionsCloseOnReturn() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db, size: 1, overflow: 2)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask { try await pool.withConnection { conn in _ = try await conn.query("SELECT pg_sleep(0.3)") } }
                }
                try await group.waitForAll()
            }
            try await waitUntil { pool.counters.open == 1 }
            #expect(pool.counters.idle == 1)
            await pool.close()
        }
    }

    @Test func recycleReplacesOldConnections() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db, size: 1, overflow: 0, recycle: .milliseconds(200))
            let first = try await backendPID(pool)
            try await Task.sleep(for: .milliseconds(400))
            let second = try await backendPID(pool)
            let counters = pool.counters
            #expect(first != second)
            // Closed idle by the reaper, or replaced at checkout if the reaper was late; on a
            // loaded machine the second connection may be 200 ms old already and go too.
            #expect((1...2).contains(counters.replaced + counters.reaped))
            await pool.close()
        }
    }

    @Test func prePingHidesTerminatedIdleConnections() async throws {
        try await TestDatabase.with { db in
            let pool = ConnectionPool(url: db.url, configuration: .init(
                size: 3, maxOverflow: 0, prePingIdleThreshold: .zero, logger: .silent))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 { group.addTask { _ = try await backendPID(pool, sleep: 0.2) } }
                try await group.waitForAll()
            }
            let admin = try await Connection.connect(to: db.url)
            let killed = try await admin.query(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
                [db.name])[0].decode(Int.self, at: 0)
            #expect(killed == 3)
            try await waitForBackendsToExit(admin, database: db.name)
            for _ in 0..<6 { _ = try await backendPID(pool) }
            #expect(pool.counters.replaced >= 3)
            await pool.close()
        }
    }

    @Test func aCancelledWaiterNeverReceivesAConnection() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db, size: 1, overflow: 0)
            let holder = Task { try await pool.withConnection { conn in _ = try await conn.query("SELECT pg_sleep(3)") } }
            try await waitUntil { pool.counters.inUse == 1 }
            let waiter = Task { try await pool.withConnection { _ in Issue.record("a cancelled waiter got a connection") } }
            try await waitUntil { pool.counters.waiting == 1 }
            waiter.cancel()
            await #expect(throws: CancellationError.self) { try await waiter.value }
            #expect(pool.counters.waiting == 0)
            try await holder.value
            #expect(pool.counters.idle == 1)
            await pool.close()
        }
    }

    @Test func blockingLeasesWorkFromThreads() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db, size: 2, overflow: 0)
            let value = try await runOnThread {
                try pool.withConnectionBlocking { conn in try conn.query("SELECT 41 + $1::int8", [1])[0].decode(Int.self, at: 0) }
            }
            #expect(value == 42)
            await pool.close()
        }
    }

    /// A restart seen from the pool: every backend of the database is terminated, leased ones
    /// included (a real `pg_ctl restart` would break the other tests running in parallel).
    @Test func theServerGoingAwayIsSurvived() async throws {
        try await TestDatabase.with { db in
            // The default idle threshold (1 s): the idle sibling is checked because a disconnect
            // was seen after it was opened.
            let pool = ConnectionPool(url: db.url, configuration: .init(size: 2, maxOverflow: 0, logger: .silent))
            async let first = backendPID(pool, sleep: 0.2)
            async let second = backendPID(pool, sleep: 0.2)
            _ = try await (first, second)
            let busy = Task { try await backendPID(pool, sleep: 5) }
            try await waitUntil { pool.counters.inUse == 1 }
            let admin = try await Connection.connect(to: db.url)
            _ = try await admin.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [db.name])
            do {
                _ = try await busy.value
                Issue.record("the busy connection should have failed")
            } catch let error as AthanorError {
                #expect(error.isDisconnect)
                #expect(!error.isAmbiguousCommit)
            }
            try await waitForBackendsToExit(admin, database: db.name)
            for _ in 0..<4 { _ = try await backendPID(pool) }
            #expect(pool.counters.replaced >= 2)
            await pool.close()
        }
    }
}

@Sendable func backendPID(_ pool: ConnectionPool, sleep: Double = 0) async throws -> Int32 {
    try await pool.withConnection { conn in
        try await conn.query("SELECT pg_backend_pid(), pg_sleep($1::float8)", [sleep])[0].decode(Int32.self, at: 0)
    }
}

/// Waits until the server has no backend left for the database but the admin's own.
func waitForBackendsToExit(_ admin: Connection, database: String) async throws {
    for _ in 0..<1000 {
        let rows = try await admin.query(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [database])
        if try rows[0].decode(Int.self, at: 0) == 0 { return }
        try await Task.sleep(for: .milliseconds(10))
    }
}

func waitUntil(_ condition: () -> Bool) async throws {
    for _ in 0..<1000 {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("condition not met within 10 s")
}

/// Runs blocking work on a thread of its own (never on the cooperative pool).
func runOnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    let thread = WorkerThread(name: "test")
    defer { thread.stop() }
    return try await withCheckedThrowingContinuation { continuation in
        thread.submit { continuation.resume(with: Result { try work() }) }
    }
}
