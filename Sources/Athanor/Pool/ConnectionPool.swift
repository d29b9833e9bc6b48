import Logging
import Synchronization

/// A pool of connections to one database URL, with SQLAlchemy's knobs (see
/// ``PoolConfiguration``), spread over the URL's hosts.
///
/// ```swift
/// let pool = try ConnectionPool(url: "postgresql://app@localhost/shop")
/// let count = try await pool.withConnection { conn in
///     try await conn.query("SELECT count(*) FROM users")[0].decode(Int.self, at: 0)
/// }
/// await pool.close()
/// ```
/// Leases are closure-scoped, so a connection cannot leak; on return a connection is reset by
/// its transaction status (idle: nothing; in a transaction: ROLLBACK; busy or broken: closed).
public final class ConnectionPool: Sendable {
    /// The URL (printing it never shows the password).
    public let url: DatabaseURL
    /// The configuration.
    public let configuration: PoolConfiguration

    struct Shell {
        var machine: PoolStateMachine
        var requests: [Int: LeaseRequest] = [:]
        var connections: [Int: Connection] = [:]
        var nextRequest = 0
        var lastConnectError: ConnectionFailure?
        var warnedDialect = false
        /// When each failed-connect warning was last logged, by its text (host and cause).
        var connectWarnings: [String: UInt64] = [:]
        /// Connections opened before this instant are suspect: a disconnect was seen since.
        var invalidatedAt: UInt64 = 0
    }

    let shell: Mutex<Shell>
    /// Runs the state machine's timers (one thread, started by the first timer).
    let timers = PoolTimerThread()
    /// Set when the closed pool has drained.
    let drained = DrainSignal()
    /// Retry decisions, the retry budget and the retry count, shared by the pool's calls.
    let retrier: Retrier
    /// The configured logger with the pool's metadata.
    let logger: RuntimeLogger

    /// Creates a pool; connections open lazily, on the first leases.
    public init(url: DatabaseURL, configuration: PoolConfiguration = PoolConfiguration()) {
        self.url = url
        self.configuration = configuration
        let settings = PoolStateMachine.Settings(
            size: configuration.size, maxOverflow: configuration.maxOverflow,
            timeout: configuration.timeout.nanoseconds, recycle: configuration.recycle?.nanoseconds,
            recycleJitter: configuration.recycleJitter, hostCount: url.endpoints.count,
            leaseWarning: configuration.leaseWarningThreshold.nanoseconds)
        self.shell = Mutex(Shell(machine: PoolStateMachine(settings: settings)))
        self.logger = RuntimeLogger(configuration.logger, hosts: url.hostsDescription)
        self.retrier = Retrier(logger: logger)
        timers.attach(self)
    }

    deinit {
        timers.stop()
    }

    /// Creates a pool from URL text.
    public convenience init(url: String, configuration: PoolConfiguration = PoolConfiguration()) throws(AthanorError) {
        self.init(url: try DatabaseURL(url), configuration: configuration)
    }

    /// A snapshot of the counters.
    public var counters: PoolCounters {
        var counters = shell.withLock { $0.machine.snapshot() }
        counters.retries = retrier.retries
        return counters
    }

    /// Closes the pool: waiters fail with `poolClosed`, idle connections close, and this waits
    /// until every leased connection has come back and closed.
    public func close() async {
        modify { $0.close() }
        timers.stop()
        await drained.wait()
    }

    /// Fires the timers due (on the timer thread); the deadline of the next one.
    func fireTimers(now: UInt64) -> UInt64? {
        var next: UInt64?
        modify { machine in
            let actions = machine.fireTimers(now: now)
            next = machine.timers.earliest
            return actions
        }
        return next
    }

    /// Runs a state-machine event under the lock, then its actions outside it.
    func modify(_ event: (inout PoolStateMachine) -> PoolStateMachine.Actions) {
        let work = shell.withLock { shell -> ResolvedActions in
            let actions = event(&shell.machine)
            return resolve(actions, in: &shell)
        }
        perform(work)
    }

    func log(_ level: Logger.Level, _ message: @autoclosure () -> String, error: (any Error)? = nil) {
        logger.log(level, message(), error: error)
    }
}
