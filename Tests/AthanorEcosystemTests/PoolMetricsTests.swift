// Built with Athanor's package trait "Metrics" (scripts/test enables every trait; TraitsTests fails in CI without it).
#if Metrics
import Athanor
import AthanorTesting
import AthanorMetrics
import MetricsTestKit
import Testing

/// The pool's counters reach a swift-metrics backend: the test backend records what it received.
@Suite(.tags(.postgres))
struct PoolMetricsTests {
    @Test func thePoolsCountersArePublishedAsGaugesAndCounters() async throws {
        try await TestDatabase.with(.shopFixture) { db in
            let backend = TestMetrics()
            let pool = ConnectionPool(url: db.url, configuration: .init(size: 2, maxOverflow: 0))
            let metrics = PoolMetrics(pool, dimensions: [("pool", "primary")], factory: backend)
            for _ in 0..<3 { try await pool.withConnection { _ in } }
            metrics.publish()
            #expect(try backend.expectCounter("athanor_pool_leases", [("pool", "primary")]).totalValue == 3)
            #expect(try backend.expectGauge("athanor_pool_open", [("pool", "primary")]).lastValue == 1)
            #expect(try backend.expectGauge("athanor_pool_in_use", [("pool", "primary")]).lastValue == 0)
            try await pool.withConnection { _ in metrics.publish() }   // while leased
            #expect(try backend.expectGauge("athanor_pool_in_use", [("pool", "primary")]).lastValue == 1)
            metrics.publish()
            // A counter grows by what the pool's grew since the last publish, not by the total again.
            #expect(try backend.expectCounter("athanor_pool_leases", [("pool", "primary")]).totalValue == 4)
            #expect(backend.counterTotal(label: "athanor_pool_timeouts") == 0)
            await pool.close()
            metrics.publish()
            #expect(try backend.expectGauge("athanor_pool_open", [("pool", "primary")]).lastValue == 0)
        }
    }
}
#endif
