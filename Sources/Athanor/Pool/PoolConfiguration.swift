import Logging

/// The pool's knobs, with SQLAlchemy's names and meaning.
///
/// ```swift
/// let pool = try ConnectionPool(url: "cockroachdb://app@db1,db2/shop",
///                               configuration: .init(size: 8, maxOverflow: 4, timeout: .seconds(5)))
/// ```
public struct PoolConfiguration: Sendable {
    /// Connections kept open when idle (SQLAlchemy `pool_size`). The pool connects lazily.
    public var size: Int
    /// Extra connections allowed under load; they close when returned to a full pool.
    public var maxOverflow: Int
    /// How long a lease may wait, connecting included, before a pool-timeout error.
    ///
    /// It also bounds each connection attempt: the hosts of the URL are tried one at a time,
    /// each within a share of the timeout (the time left over the hosts left, 0.5 s to 5 s while
    /// others remain), so that a host that accepts TCP and never answers does not keep the
    /// others from being tried; the URL's `connect_timeout` bounds each host instead. An attempt
    /// ends a tenth of the timeout (at most 1 s) before it, so that a lease that times out
    /// names each host's cause. See ``DatabaseURL`` for this and for the TCP keepalives that
    /// every connection gets by default.
    public var timeout: Duration
    /// Replace a connection older than this at checkout (±`recycleJitter`), nil for never.
    public var recycle: Duration?
    /// The fraction by which each connection's recycle age is shortened at random (0.1 = up to 10%).
    public var recycleJitter: Double
    /// Check connections at checkout; a dead one is replaced without failing the caller.
    /// Idle under `prePingIdleThreshold`: no check; otherwise the socket is polled, and a
    /// round trip is made only if it shows something.
    public var prePing: Bool
    /// See `prePing`.
    public var prePingIdleThreshold: Duration
    /// Warn when a lease is held longer than this.
    public var leaseWarningThreshold: Duration
    /// Prepared statements kept per connection.
    public var statementCacheCapacity: Int
    /// Retry policy for `transaction` and single statements run through the pool.
    public var retry: RetryPolicy
    /// Throw `AthanorError.dialectMismatch` when the URL's scheme and the server disagree
    /// (otherwise a warning is logged once).
    public var strictDialect: Bool
    /// Where warnings and debug messages go: swift-log's `Logger`, so whatever backend the
    /// application bootstrapped with `LoggingSystem` receives them (standard error at `info` if it
    /// bootstrapped none). The pool adds the ``AthanorLogMetadata`` keys to the metadata you set.
    public var logger: Logger
    /// How long the server may take to answer one statement, nil for no bound (the default).
    /// At the deadline the statement is cancelled and the call throws
    /// ``AthanorError/timedOut(_:)``; the connection stays usable when the server confirms the
    /// cancel. A per-call `timeout:` overrides it. The server's own `statement_timeout` bounds
    /// the work on the server; this one also bounds a link that stopped answering.
    public var queryTimeout: Duration?
    /// How long a cancel (by task cancellation or the query timeout) may go unanswered before
    /// the call gives up on the server: the connection is closed and a write's outcome is then
    /// unknown (an ambiguous commit). A server that answers at all answers within milliseconds.
    public var cancelTimeout: Duration

    /// The defaults: size 5, overflow 10, timeout 30 s, no recycle, pre-ping on, no query
    /// timeout, a cancel timeout of 2 s.
    public init(
        size: Int = 5, maxOverflow: Int = 10, timeout: Duration = .seconds(30), recycle: Duration? = nil,
        recycleJitter: Double = 0.1, prePing: Bool = true, prePingIdleThreshold: Duration = .seconds(1),
        leaseWarningThreshold: Duration = .seconds(60), statementCacheCapacity: Int = 128,
        retry: RetryPolicy = .default, strictDialect: Bool = false, logger: Logger = Logger(label: "athanor"),
        queryTimeout: Duration? = nil, cancelTimeout: Duration = .seconds(2)
    ) {
        self.size = max(1, size)
        self.maxOverflow = max(0, maxOverflow)
        self.timeout = timeout
        self.recycle = recycle
        self.recycleJitter = min(max(recycleJitter, 0), 1)
        self.prePing = prePing
        self.prePingIdleThreshold = prePingIdleThreshold
        self.leaseWarningThreshold = leaseWarningThreshold
        self.statementCacheCapacity = statementCacheCapacity
        self.retry = retry
        self.strictDialect = strictDialect
        self.logger = logger
        self.queryTimeout = queryTimeout
        self.cancelTimeout = cancelTimeout
    }
}

extension PoolConfiguration {
    /// The bound of one connection attempt over all the hosts: `timeout` less a tenth of it (at
    /// most 1 s), so that the attempt's error reaches the waiting lease before its deadline; at
    /// least 1 s, so that a pool with a tiny timeout still opens connections for later leases.
    var connectTimeout: Duration {
        max(timeout - min(timeout / 10, .seconds(1)), .seconds(1))
    }
}
