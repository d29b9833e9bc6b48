@testable import Athanor
import AthanorFaultProxy
import Synchronization
import Testing

/// The fault proxy itself, against the real server: each fault does what the tests that use it
/// rely on, and `stop()` leaves no thread or socket behind.
@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct FaultProxyTests {
    func proxiedURL(_ db: TestDatabase, proxy: FaultProxy) -> DatabaseURL {
        var url = db.url
        url.endpoints = [.init(host: "127.0.0.1", port: proxy.port)]
        return url
    }

    /// Backends connected to the test's database, as the server counts them.
    func backends(of db: TestDatabase) async throws -> Int {
        let admin = try await Connection.connect(to: TestDatabase.adminURL())
        defer { admin.close() }
        return try await admin.query("SELECT count(*) FROM pg_stat_activity WHERE datname = $1", [db.name])[0].decode(Int.self, at: 0)
    }

    /// Polls `condition` every 20 ms for at most `seconds`.
    func eventually(within seconds: Int = 5, _ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<(seconds * 50) {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }

    @Test func aStallHoldsAQueryWithItsSocketsOpenUntilResumed() async throws {
        try await TestDatabase.with { db in
            let proxy = try FaultProxy(targetPort: db.url.endpoints[0].port)
            defer { proxy.stop() }
            let connection = try await Connection.connect(to: proxiedURL(db, proxy: proxy))
            defer { connection.close() }
            #expect(try await connection.query("SELECT 1")[0].decode(Int.self, at: 0) == 1)
            proxy.stall()
            let finished = Atomic<Bool>(false)
            let query = Task {
                let value = try await connection.query("SELECT 2")[0].decode(Int.self, at: 0)
                finished.store(true, ordering: .releasing)
                return value
            }
            try await Task.sleep(for: .milliseconds(600))
            let finishedDuringStall = finished.load(ordering: .acquiring)
            #expect(!finishedDuringStall)
            #expect(proxy.counters.open == 1)
            #expect(try await backends(of: db) == 1)
            proxy.resume()
            #expect(try await query.value == 2)
            #expect(proxy.counters.cuts == 0)
        }
    }

    @Test func cutAllClosesBothSidesOfEveryConnection() async throws {
        try await TestDatabase.with { db in
            let proxy = try FaultProxy(targetPort: db.url.endpoints[0].port)
            defer { proxy.stop() }
            let first = try await Connection.connect(to: proxiedURL(db, proxy: proxy))
            let second = try await Connection.connect(to: proxiedURL(db, proxy: proxy))
            defer { first.close(); second.close() }
            #expect(try await first.query("SELECT 1").count == 1)
            #expect(try await backends(of: db) == 2)
            #expect(proxy.cutAll() == 2)
            do {
                _ = try await first.query("SELECT 1")
                Issue.record("expected the cut connection to fail")
            } catch let error as AthanorError {
                #expect(error.isDisconnect)
            }
            #expect(try await eventually { proxy.counters.open == 0 })
            #expect(try await eventually { try await backends(of: db) == 0 })
            #expect(proxy.counters.cuts == 2)
            #expect(proxy.counters.accepted == 2)
        }
    }

    @Test func aDelayIsAddedToEachChunkInBothDirections() async throws {
        try await TestDatabase.with { db in
            let proxy = try FaultProxy(targetPort: db.url.endpoints[0].port)
            defer { proxy.stop() }
            let connection = try await Connection.connect(to: proxiedURL(db, proxy: proxy))
            defer { connection.close() }
            let clock = ContinuousClock()
            _ = try await connection.query("SELECT 1")
            proxy.delayEachChunk(by: .milliseconds(150))
            let delayed = try await clock.measure { _ = try await connection.query("SELECT 1") }
            // One chunk out (Bind, Execute, Sync), one back (the result): 2 x 150 ms at least,
            // however loaded the machine (a load can only add to it).
            #expect(delayed >= .milliseconds(300))
            proxy.delayEachChunk(by: .zero)
            // Without the delay, the fastest of three round trips is quicker again (the fastest,
            // so that one slow moment of a loaded machine does not decide).
            var restored = Duration.seconds(60)
            for _ in 0..<3 {
                restored = min(restored, try await clock.measure { _ = try await connection.query("SELECT 1") })
            }
            #expect(restored < delayed)
        }
    }

    @Test func aCutBeforeForwardingKeepsTheStatementFromTheServer() async throws {
        try await TestDatabase.with { db in
            let proxy = try FaultProxy(targetPort: db.url.endpoints[0].port)
            defer { proxy.stop() }
            let pool = ConnectionPool(url: proxiedURL(db, proxy: proxy), configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
            try await pool.execute("CREATE TABLE t (v int)")
            proxy.cut(when: .execute(ofStatementContaining: "INSERT INTO t"), .beforeForwarding)
            try await pool.transaction { tx in try await tx.execute("INSERT INTO t VALUES (1)") }
            // The first attempt lost its connection before COMMIT and ran again: applied once.
            #expect(try await pool.query("SELECT count(*) FROM t")[0].decode(Int.self, at: 0) == 1)
            #expect(pool.counters.retries == 1)
            #expect(proxy.counters.cuts == 1)
            #expect(!proxy.isArmed)
            await pool.close()
        }
    }

    @Test func aCutAfterForwardingLetsTheServerActButNotAnswer() async throws {
        try await TestDatabase.with { db in
            let proxy = try FaultProxy(targetPort: db.url.endpoints[0].port)
            defer { proxy.stop() }
            let pool = ConnectionPool(url: proxiedURL(db, proxy: proxy), configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
            try await pool.execute("CREATE TABLE t (v int)")
            proxy.cut(when: .execute(ofStatementContaining: "INSERT INTO t"), times: 2)
            do {
                try await pool.execute("INSERT INTO t VALUES (1)")
                Issue.record("expected an ambiguous write")
            } catch let error as AthanorError {
                #expect(error.isAmbiguousCommit)
            }
            #expect(proxy.isArmed)
            proxy.disarm()
            #expect(try await pool.query("SELECT count(*) FROM t")[0].decode(Int.self, at: 0) == 1)
            #expect(proxy.counters.cuts == 1)
            await pool.close()
        }
    }

    @Test func stopClosesEveryConnectionAndEndsEveryThread() async throws {
        try await TestDatabase.with { db in
            let proxy = try FaultProxy(targetPort: db.url.endpoints[0].port)
            var connections: [Connection] = []
            for _ in 0..<3 { connections.append(try await Connection.connect(to: proxiedURL(db, proxy: proxy))) }
            defer { connections.forEach { $0.close() } }
            proxy.stall()
            #expect(proxy.counters.threads == 7)  // the acceptor and two pumps per connection
            #expect(proxy.stop(within: .seconds(2)))
            #expect(proxy.counters.threads == 0)
            #expect(proxy.counters.open == 0)
            #expect(try await eventually { try await backends(of: db) == 0 })
            await #expect(throws: AthanorError.self) { _ = try await Connection.connect(to: proxiedURL(db, proxy: proxy)) }
        }
    }
}
