// AthanorMetrics is built against its package only when Athanor's package trait "Metrics" is enabled
// (Package.swift, `traits`). Without it the module holds only an unavailable placeholder, so a
// consumer that names the product without the trait gets an error saying what to add.
import Athanor

#if Metrics
import CoreMetrics
import Synchronization

/// Publishes a pool's `PoolCounters` through swift-metrics, so whatever backend the
/// application bootstrapped (`MetricsSystem.bootstrap`: Prometheus, StatsD, OpenTelemetry)
/// picks them up without more code.
///
/// ```swift
/// import AthanorMetrics
///
/// let metrics = PoolMetrics(pool, dimensions: [("pool", "primary")])
/// Task { await metrics.run(every: .seconds(10)) }   // until the task is cancelled
/// ```
///
/// The state of the pool becomes gauges, labelled `athanor_pool_` + the counter's name in
/// snake_case: `open`, `idle`, `in_use`, `overflow`, `waiting`. What only grows becomes
/// counters, each increased by what it grew since the last ``publish()``: `leases`, `waits`,
/// `timeouts`, `replaced`, `reaped`, `connect_failures`, `retries`. Every metric carries
/// `dimensions`. Nothing is read from the database: a publish takes the pool's lock once.
public final class PoolMetrics: Sendable {
    /// The pool published.
    public let pool: ConnectionPool
    private let gauges: [(Gauge, @Sendable (PoolCounters) -> Int)]
    private let counters: [(Counter, @Sendable (PoolCounters) -> Int)]
    /// The counters of the previous publish (nil before the first).
    private let last = Mutex<PoolCounters?>(nil)

    /// Metrics for `pool`, made by `factory` (the bootstrapped `MetricsSystem` by default),
    /// labelled `prefix` + the counter's name, with `dimensions` on each.
    public init(
        _ pool: ConnectionPool, prefix: String = "athanor_pool_", dimensions: [(String, String)] = [],
        factory: any MetricsFactory = MetricsSystem.factory
    ) {
        self.pool = pool
        let state: [(String, @Sendable (PoolCounters) -> Int)] = [
            ("open", \.open), ("idle", \.idle), ("in_use", \.inUse), ("overflow", \.overflow), ("waiting", \.waiting),
        ]
        let growing: [(String, @Sendable (PoolCounters) -> Int)] = [
            ("leases", \.leases), ("waits", \.waits), ("timeouts", \.timeouts), ("replaced", \.replaced),
            ("reaped", \.reaped), ("connect_failures", \.connectFailures), ("retries", \.retries),
        ]
        gauges = state.map { (Gauge(label: prefix + $0.0, dimensions: dimensions, factory: factory), $0.1) }
        counters = growing.map { (Counter(label: prefix + $0.0, dimensions: dimensions, factory: factory), $0.1) }
    }

    /// Reads the pool's counters once and publishes them: the gauges set, the counters increased
    /// by what they grew since the previous publish.
    public func publish() {
        let now = pool.counters
        let before = last.withLock { last in
            defer { last = now }
            return last
        }
        for (gauge, value) in gauges { gauge.record(value(now)) }
        for (counter, value) in counters {
            let grown = value(now) - (before.map(value) ?? 0)
            if grown > 0 { counter.increment(by: grown) }
        }
    }

    /// Publishes every `interval` until the calling task is cancelled, then once more.
    public func run(every interval: Duration = .seconds(10)) async {
        while !Task.isCancelled {
            publish()
            try? await Task.sleep(for: interval)
        }
        publish()
    }
}

#else
/// Unavailable: Athanor's package trait "Metrics" is not enabled.
///
/// Enable it where your package depends on Athanor:
/// `.package(name: "Athanor", path: "../athanor", traits: ["Metrics"])` (or the `url:` form, with the same
/// `traits:`).
@available(*, unavailable, message: "AthanorMetrics needs Athanor's package trait \"Metrics\": add traits: [\"Metrics\"] where your package depends on Athanor")
public final class PoolMetrics: Sendable {
    /// Unavailable: enable the trait "Metrics".
    @available(*, unavailable, message: "AthanorMetrics needs Athanor's package trait \"Metrics\": add traits: [\"Metrics\"] where your package depends on Athanor")
    public init(_ pool: ConnectionPool, prefix: String = "athanor_pool_", dimensions: [(String, String)] = []) {}
}
#endif
