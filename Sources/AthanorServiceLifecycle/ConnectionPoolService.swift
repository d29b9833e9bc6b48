// AthanorServiceLifecycle is built against its package only when Athanor's package trait "ServiceLifecycle" is enabled
// (Package.swift, `traits`). Without it the module holds only an unavailable placeholder, so a
// consumer that names the product without the trait gets an error saying what to add.
import Athanor

#if ServiceLifecycle
import ServiceLifecycle

/// A `ConnectionPool` as a swift-service-lifecycle `Service`: run it in the
/// application's `ServiceGroup`, and a graceful shutdown (SIGTERM, say) drains and closes it.
///
/// ```swift
/// import AthanorServiceLifecycle
/// import ServiceLifecycle
///
/// let pool = try ConnectionPool(url: "postgresql://app@localhost/shop")
/// let group = ServiceGroup(
///     services: [ConnectionPoolService(pool), httpServer],   // the pool first: it stops last
///     gracefulShutdownSignals: [.sigterm], logger: logger)
/// try await group.run()
/// ```
///
/// ``run()`` waits for the graceful shutdown (or the task's cancellation), then closes the pool:
/// waiting leases fail with `poolClosed`, idle connections close, and it returns once every
/// leased connection has come back and closed. `ServiceGroup` shuts its services down in reverse
/// order, so list the pool before the services that use it and they finish their work first.
public struct ConnectionPoolService: Service {
    /// The pool closed at shutdown.
    public let pool: ConnectionPool

    /// A service that closes `pool` at graceful shutdown.
    public init(_ pool: ConnectionPool) {
        self.pool = pool
    }

    /// Waits until graceful shutdown or cancellation, then closes the pool and waits for it to drain.
    public func run() async throws {
        try? await gracefulShutdown()
        await pool.close()
    }
}

#else
/// Unavailable: Athanor's package trait "ServiceLifecycle" is not enabled.
///
/// Enable it where your package depends on Athanor:
/// `.package(name: "Athanor", path: "../athanor", traits: ["ServiceLifecycle"])` (or the `url:` form, with the same
/// `traits:`).
@available(*, unavailable, message: "AthanorServiceLifecycle needs Athanor's package trait \"ServiceLifecycle\": add traits: [\"ServiceLifecycle\"] where your package depends on Athanor")
public struct ConnectionPoolService: Sendable {
    /// Unavailable: enable the trait "ServiceLifecycle".
    @available(*, unavailable, message: "AthanorServiceLifecycle needs Athanor's package trait \"ServiceLifecycle\": add traits: [\"ServiceLifecycle\"] where your package depends on Athanor")
    public init(_ pool: ConnectionPool) {}
}
#endif
