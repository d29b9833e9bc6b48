@testable import Athanor
import Testing

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
            // The pool serves again, on a new connection (counted while leased: once idle, it
            // too is reaped 300 ms later, which a loaded machine can reach before a later check).
            try await pool.withConnection { conn in
                _ = try await conn.query("SELECT 1")
                #expect(pool.counters.open == 1)
            }
            await pool.close()
        }
    }
}
