// Built with Athanor's package trait "ServiceLifecycle" (scripts/test enables every trait; TraitsTests fails in CI without it).
#if ServiceLifecycle
import Athanor
import AthanorTesting
import AthanorServiceLifecycle
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

/// Graceful shutdown drains the pool (a lease in progress finishes) and closes it.
@Suite(.tags(.postgres))
struct ConnectionPoolServiceTests {
    @Test func gracefulShutdownDrainsAndClosesThePool() async throws {
        try await TestDatabase.with(.shopFixture) { db in
            let pool = ConnectionPool(url: db.url, configuration: .init(size: 1, maxOverflow: 0))
            let service = ConnectionPoolService(pool)
            try await testGracefulShutdown { trigger in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await service.run() }
                    // A lease in progress when the shutdown starts is allowed to finish.
                    let value = try await pool.withConnection { connection in
                        trigger.triggerGracefulShutdown()
                        return try await connection.query("SELECT 42")[0].decode(Int32.self, at: 0)
                    }
                    #expect(value == 42)
                    try await group.waitForAll()                  // run() returned: the pool is closed
                }
            }
            #expect(pool.counters.open == 0)
            await #expect(throws: AthanorError.self) { try await pool.withConnection { _ in } }
        }
    }
}
#endif
