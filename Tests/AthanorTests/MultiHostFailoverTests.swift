@testable import Athanor
import Testing

/// Issue 13, defect 5: a first host that accepts TCP and never answers must not keep a pool
/// from the healthy host after it, and a URL whose hosts are all silent fails within the
/// pool's timeout, naming each host.
///
/// Timings are taken on a thread of their own with the blocking API (see `timedOnOwnThread`);
/// the async calls are checked for their outcome, which the pool's deadline thread bounds: an
/// async lease that succeeds got its connection within the pool's timeout.
@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct MultiHostFailoverTests {
    /// The test server's URL with `silent` listeners before its own host, and no `connect_timeout`.
    static func url(silentFirst silent: [SilentListener]) throws -> DatabaseURL {
        var url = try TestDatabase.adminURL()
        url.endpoints = silent.map { .init(host: "127.0.0.1", port: $0.port) } + url.endpoints
        return url
    }

    static func pool(_ url: DatabaseURL, timeout: Duration) -> ConnectionPool {
        ConnectionPool(url: url, configuration: .init(timeout: timeout, logger: .silent))
    }

    /// `SELECT 1` and the port reached, through a blocking lease.
    static func selectOneBlocking(on pool: ConnectionPool) throws -> (Int32, String) {
        try pool.withConnectionBlocking { connection in
            (try connection.query("SELECT 1")[0].decode(Int32.self, at: 0), connection.port)
        }
    }

    @Test func aSilentFirstHostFailsOverToTheSecondWithinThePoolTimeout() async throws {
        let silent = try SilentListener()
        defer { silent.close() }
        let url = try Self.url(silentFirst: [silent])
        let server = String(try TestDatabase.adminURL().endpoints[0].port)

        // Async, as in the issue (every call ended in a pool timeout).
        let asyncPool = Self.pool(url, timeout: .seconds(3))
        let (one, port) = try await asyncPool.withConnection { connection in
            (try await connection.query("SELECT 1")[0].decode(Int32.self, at: 0), connection.port)
        }
        #expect(one == 1 && port == server)
        await asyncPool.close()

        // Blocking, timed: the first connection, then a second one while the first is held.
        let pool = Self.pool(url, timeout: .seconds(3))
        let first = await timedOnOwnThread { try Self.selectOneBlocking(on: pool) }
        let firstReached = try first.result.get()
        #expect(firstReached.0 == 1 && firstReached.1 == server)
        #expect(first.seconds < 3, "took \(first.seconds) s")
        let second = await timedOnOwnThread {
            try pool.withConnectionBlocking { _ in try Self.selectOneBlocking(on: pool) }
        }
        let secondReached = try second.result.get()
        #expect(secondReached.0 == 1 && secondReached.1 == server)
        #expect(second.seconds < 3, "took \(second.seconds) s")
        await pool.close()

        // The silent host goes away (its port refuses): a new pool connects at once.
        silent.close()
        let after = Self.pool(url, timeout: .seconds(3))
        let third = await timedOnOwnThread { try Self.selectOneBlocking(on: after) }
        let thirdReached = try third.result.get()
        #expect(thirdReached.0 == 1 && thirdReached.1 == server)
        #expect(third.seconds < 1, "took \(third.seconds) s")
        await after.close()
    }

    @Test func allHostsSilentIsAPoolTimeoutNamingEachHostWithinTheBound() async throws {
        let first = try SilentListener()
        let second = try SilentListener()
        defer { first.close(); second.close() }
        var url = try TestDatabase.adminURL()
        url.endpoints = [.init(host: "127.0.0.1", port: first.port), .init(host: "127.0.0.1", port: second.port)]

        let pool = Self.pool(url, timeout: .seconds(2))
        let timed = await timedOnOwnThread { try pool.withConnectionBlocking { _ in } }
        #expect(timed.seconds < 2.9, "took \(timed.seconds) s")  // below the 3 s a silent first host used to cost
        let asyncPool = Self.pool(url, timeout: .seconds(2))
        let asyncError = await #expect(throws: AthanorError.self) { try await asyncPool.withConnection { _ in } }
        for error in [timed.result.failure as? AthanorError, asyncError] {
            guard case .poolTimeout(let timeout)? = error else { Issue.record("\(String(describing: error))"); continue }
            let last = try #require(timeout.lastConnectError, "the timeout names no connect error: \(timeout)")
            for listener in [first, second] {
                #expect(error?.description.contains("127.0.0.1:\(listener.port)") == true, "\(String(describing: error))")
                #expect(last.message.contains("127.0.0.1:\(listener.port): timed out after"), "\(last.message)")
            }
        }
        await pool.close()
        await asyncPool.close()
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
