@testable import Athanor
import AthanorFaultProxy
import Synchronization
import Testing

@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct AmbiguousCommitTests {
    func proxiedURL(_ db: TestDatabase, proxy: FaultProxy) -> DatabaseURL {
        var url = db.url
        url.endpoints = [.init(host: "127.0.0.1", port: proxy.port)]
        return url
    }

    @Test func aConnectionCutRightAfterCommitIsAmbiguousAndNotRetried() async throws {
        try await TestDatabase.with { db in
            let proxy = try FaultProxy(targetPort: db.url.endpoints[0].port)
            defer { proxy.stop() }
            let pool = ConnectionPool(url: proxiedURL(db, proxy: proxy), configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
            try await pool.execute("CREATE TABLE t (v int)")
            proxy.cut(when: .simpleQuery(containing: "COMMIT"))
            let runs = Atomic<Int>(0)
            do {
                try await pool.transaction { tx in
                    runs.add(1, ordering: .relaxed)
                    try await tx.execute("INSERT INTO t VALUES (1)")
                }
                Issue.record("expected an ambiguous commit")
            } catch let error as AthanorError {
                guard case .ambiguousCommit(let cause) = error else { Issue.record("wrong error: \(error)"); return }
                #expect(cause.statement == "COMMIT")
                #expect(error.description.hasPrefix("ambiguous commit"))
            }
            #expect(runs.load(ordering: .relaxed) == 1)
            #expect(proxy.counters.cuts == 1)
            // The pool recovers with a new connection.
            #expect(try await pool.query("SELECT count(*) FROM t")[0].decode(Int.self, at: 0) <= 1)
            await pool.close()
        }
    }

    @Test func aLostAutocommitWriteIsAmbiguousButALostReadIsRetried() async throws {
        try await TestDatabase.with { db in
            let proxy = try FaultProxy(targetPort: db.url.endpoints[0].port)
            defer { proxy.stop() }
            let pool = ConnectionPool(url: proxiedURL(db, proxy: proxy), configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
            try await pool.execute("CREATE TABLE t (v int)")
            // Cut after a Bind ('B'): the statement was prepared and is now executing.
            proxy.cut(when: .message("B"))
            do {
                try await pool.execute("INSERT INTO t VALUES ($1)", [Int32(1)])
                Issue.record("expected an ambiguous write")
            } catch let error as AthanorError {
                #expect(error.isAmbiguousCommit)
            }
            proxy.cut(when: .message("B"))
            let count = try await pool.query("SELECT count(*) FROM t WHERE v = $1", [Int32(1)], idempotent: true)
            #expect(try count[0].decode(Int.self, at: 0) <= 1)
            #expect(proxy.counters.cuts == 2)
            await pool.close()
        }
    }

    @Test func aConnectionLostBeforeCommitIsRetried() async throws {
        try await TestDatabase.with { db in
            let proxy = try FaultProxy(targetPort: db.url.endpoints[0].port)
            defer { proxy.stop() }
            let pool = ConnectionPool(url: proxiedURL(db, proxy: proxy), configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
            try await pool.execute("CREATE TABLE t (v int)")
            proxy.cut(when: .simpleQuery(containing: "BEGIN"))
            try await pool.transaction { tx in try await tx.execute("INSERT INTO t VALUES (1)") }
            #expect(try await pool.query("SELECT count(*) FROM t")[0].decode(Int.self, at: 0) == 1)
            #expect(pool.counters.retries == 1)
            await pool.close()
        }
    }
}
