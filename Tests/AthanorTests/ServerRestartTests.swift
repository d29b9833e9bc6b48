@testable import Athanor
import Synchronization
import Testing

/// A real `pg_ctl restart` and `pg_ctl stop`, on a private cluster per test (the shared server
/// must stay up for the tests running in parallel).
@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct ServerRestartTests {
    func pool(_ url: DatabaseURL, size: Int = 2, timeout: Duration = .seconds(30), prePing: Bool = true,
              prePingIdleThreshold: Duration = .seconds(1)) -> ConnectionPool {
        ConnectionPool(url: url, configuration: .init(
            size: size, maxOverflow: 0, timeout: timeout, prePing: prePing,
            prePingIdleThreshold: prePingIdleThreshold, logger: .silent))
    }

    /// Opens `size` connections at once, so that the pool holds that many idle ones.
    func warm(_ pool: ConnectionPool, connections: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<connections { group.addTask { _ = try await backendPID(pool, sleep: 0.2) } }
            try await group.waitForAll()
        }
        #expect(pool.counters.idle == connections)
    }

    @Test func idlePoolsAndRunningTransactionsSurviveARestart() async throws {
        try await PrivateCluster.with { cluster in
            let url = try cluster.url
            let pinged = pool(url)
            let unpinged = pool(url, prePing: false)
            let writer = pool(url)
            try await writer.execute("CREATE TABLE t (attempt int)")
            try await warm(pinged, connections: 2)
            try await warm(unpinged, connections: 2)
            let lastUse = ContinuousClock.now

            // Two transactions are running when the server goes: one may retry, one may not.
            let runs = Atomic<Int>(0)
            let retried = Task {
                try await writer.transaction { tx in
                    runs.add(1, ordering: .relaxed)
                    try await tx.execute("INSERT INTO t VALUES ($1)", [Int32(tx.attempt)])
                    if tx.attempt == 1 { _ = try await tx.query("SELECT pg_sleep(30)") }
                }
            }
            let unretried = Task {
                try await writer.transaction(retry: RetryPolicy.none) { tx in _ = try await tx.query("SELECT pg_sleep(30)") }
            }
            try await waitForSleepers(2, url: url)
            try await cluster.restart()

            try await retried.value
            #expect(runs.load(ordering: .relaxed) == 2)
            #expect(writer.counters.retries == 1)
            let attempts = try await writer.query("SELECT attempt FROM t")
            #expect(try attempts.map { try $0.decode(Int32.self, at: 0) } == [2])
            do {
                try await unretried.value
                Issue.record("the transaction without retries should have failed")
            } catch let error as AthanorError {
                guard case .connectionLost = error else { Issue.record("wrong error: \(error)"); return }
                #expect(error.isDisconnect)
                #expect(!error.isAmbiguousCommit)
            }

            // Pre-ping on: no caller sees the restart. The check is skipped for connections idle
            // under a second (the documented trade-off), so the calls start a second after the
            // last use at the earliest; the restart usually takes longer than that anyway.
            try await Task.sleep(until: lastUse + .milliseconds(1100))
            for _ in 0..<6 { _ = try await backendPID(pinged) }
            #expect(pinged.counters.replaced == 2)

            // Pre-ping off: each dead idle connection fails one call with a disconnect, then
            // the pool serves again on new connections.
            var failures = 0
            for call in 0..<6 {
                do {
                    _ = try await backendPID(unpinged)
                } catch let error as AthanorError {
                    #expect(call < 2, "only the two idle connections can fail")
                    #expect(error.isDisconnect && !error.isAmbiguousCommit, "\(error)")
                    failures += 1
                }
            }
            #expect((1...2).contains(failures))
            #expect(unpinged.counters.replaced == failures)
            for pool in [pinged, unpinged, writer] { await pool.close() }
        }
    }

    @Test func whileTheServerIsDownLeasesTimeOutThenThePoolServesAgain() async throws {
        try await PrivateCluster.with { cluster in
            let pool = pool(try cluster.url, size: 1, timeout: .seconds(2), prePingIdleThreshold: .zero)
            let before = try await backendPID(pool)
            try await cluster.stop()

            let clock = ContinuousClock()
            let start = clock.now
            do {
                _ = try await backendPID(pool)
                Issue.record("expected a pool timeout while the server is down")
            } catch let error as AthanorError {
                guard case .poolTimeout(let timeout) = error else { Issue.record("wrong error: \(error)"); return }
                let last = try #require(timeout.lastConnectError)
                #expect(last.port == String(cluster.port))
                #expect(last.sqlState == nil)
                #expect(last.message.contains("refused"), "\(last.message)")
                #expect(error.description.contains("pool timeout"))
            }
            let waited = clock.now - start
            #expect(waited >= .milliseconds(1950), "waited \(waited)")
            #expect(waited < .seconds(20), "waited \(waited)")
            #expect(pool.counters.timeouts == 1)
            #expect(pool.counters.connectFailures >= 1)

            try await cluster.start()
            let after = try await backendPID(pool)
            #expect(after != before)
            #expect(pool.counters.replaced == 1)
            await pool.close()
        }
    }

    /// 16 tasks write through a real restart, half in transactions and half as single
    /// statements, each row with an id of its own: every acknowledged write is in the table
    /// once, every failed one is absent, an ambiguous one is there at most once.
    @Test func sixteenTasksWriteThroughARestartAndNothingIsLostOrDoubled() async throws {
        try await PrivateCluster.with { cluster in
            let url = try cluster.url
            let pool = ConnectionPool(url: url, configuration: .init(size: 8, maxOverflow: 4, timeout: .seconds(30), logger: .silent))
            try await pool.execute("CREATE TABLE ledger (id int8 PRIMARY KEY, task int4)")
            final class Record: Sendable {
                let outcomes = Mutex<[Int64: Outcome]>([:])
                let stop = Atomic<Bool>(false)
            }
            let record = Record()
            let deadline = ContinuousClock.now + .seconds(60)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<16 {
                    group.addTask {
                        var sequence: Int64 = 0
                        while !record.stop.load(ordering: .acquiring) && sequence < 5_000 && ContinuousClock.now < deadline {
                            sequence += 1
                            let id = Int64(task) * 1_000_000 + sequence
                            let outcome: Outcome
                            do {
                                if task.isMultiple(of: 2) {
                                    try await pool.transaction { tx in
                                        try await tx.execute("INSERT INTO ledger VALUES ($1, $2)", [id, Int32(task)])
                                    }
                                } else {
                                    try await pool.execute("INSERT INTO ledger VALUES ($1, $2)", [id, Int32(task)])
                                }
                                outcome = .acknowledged
                            } catch let error as AthanorError where error.isAmbiguousCommit {
                                outcome = .ambiguous
                            } catch {
                                outcome = .failed
                                try await Task.sleep(for: .milliseconds(20))
                            }
                            record.outcomes.withLock { $0[id] = outcome }
                        }
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(500))
                    try await cluster.restart()
                    try await Task.sleep(for: .seconds(1))
                    record.stop.store(true, ordering: .releasing)
                }
                try await group.waitForAll()
            }
            let stored = try await pool.query("SELECT id FROM ledger", idempotent: true)
            var counts: [Int64: Int] = [:]
            for row in stored { counts[try row.decode(Int64.self, at: 0), default: 0] += 1 }
            let all = record.outcomes.withLock { $0 }
            let acknowledged = all.filter { $0.value == .acknowledged }
            #expect(acknowledged.count >= 16)
            for (id, outcome) in all {
                switch outcome {
                case .acknowledged: #expect(counts[id] == 1, "acknowledged \(id) is not stored once")
                case .failed: #expect(counts[id] == nil, "failed \(id) was stored")
                case .ambiguous: #expect((counts[id] ?? 0) <= 1)
                }
            }
            #expect(counts.keys.allSatisfy { all[$0] != nil })
            await pool.close()
        }
    }

    enum Outcome: Sendable { case acknowledged, failed, ambiguous }

    /// Waits until `count` sessions are running `pg_sleep(30)`.
    func waitForSleepers(_ count: Int, url: DatabaseURL) async throws {
        let admin = try await Connection.connect(to: url)
        defer { admin.close() }
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let rows = try await admin.query(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query = 'SELECT pg_sleep(30)'")
            if try rows[0].decode(Int.self, at: 0) == count { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("\(count) sessions never ran pg_sleep(30)")
    }
}
