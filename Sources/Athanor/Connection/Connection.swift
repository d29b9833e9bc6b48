import CLibPQ
import Synchronization

/// One database connection: a libpq connection and its own thread (a pool's connection starts
/// its thread on first use: its single statements need none, see ``ConnectionPool``).
///
/// You get connections from a ``ConnectionPool`` (`pool.withConnection { conn in ... }`) or open
/// one directly with ``connect(to:firstHost:statementCacheCapacity:timeout:)``. Inside an async lease,
/// the task runs on the connection's thread, so each statement is a direct blocking libpq call
/// there (no thread hop, and nothing blocks Swift's cooperative pool). The blocking methods run
/// libpq on the caller's thread, for command-line tools and scripts.
///
/// A connection is used by one lease at a time; it is `Sendable` so that it can move between
/// the pool, the lease holder and its own thread.
public final class Connection: @unchecked Sendable {
    let pg: PGConnection
    /// The connection's thread, once started (see ``thread``).
    private let startedThread: Mutex<WorkerThread?>
    /// How a CancelRequest reaches the server; nil when libpq gives no cancel object.
    let cancelTarget: CancelTarget?
    let createdAt: UInt64
    var statements: StatementCache
    /// Set when the connection must not return to the pool (a cancel race, a disconnect).
    var mustDiscard = false
    let cancelState = Mutex(CancelState())
    /// Wakes a call waiting for its CancelRequest to be done (``awaitClaimedCancel()``).
    let cancelCompletion = ConditionLock()
    /// The pool slot, for the pool's bookkeeping.
    var slot = 0
    /// How long the server may take to answer a statement, in nanoseconds (`.max`: no bound).
    /// Set by the pool from ``PoolConfiguration/queryTimeout``; used on the connection's thread.
    var queryTimeout: UInt64 = .max
    /// The request on the wire (see `Connection+Exchange.swift`).
    var exchange = Exchange()
    /// Round trips made so far (each libpq call that waits for the server counts one).
    public internal(set) var roundTrips = 0
    /// The statements that open a transaction (`BEGIN ...`), held back until its first
    /// statement: sent ahead of a cached prepared statement in one round trip
    /// (``run(_:_:)``), or on their own before any other request (``startRequest(cancellable:)``).
    /// Set by ``TransactionProtocol/open(_:)``; dropped by a COMMIT or ROLLBACK that finds the
    /// transaction never opened on the server, and when the connection goes back to its pool.
    var deferredOpening: [String]?
    /// The opening statements prepared on this connection, by SQL (a handful of variants: the
    /// isolation levels, READ ONLY, the savepoint), kept apart from the statement cache so that
    /// its evictions never reach them.
    var preparedOpenings: [String: PreparedName] = [:]

    /// The server's product, from `SELECT version()`.
    public private(set) var serverDialect: SQLDialect
    /// The server's full `version()` string.
    public private(set) var serverVersion: String
    /// The URL this connection was opened with (printing it never shows the password).
    public var url: DatabaseURL { pg.url }

    /// How a CancelRequest is sent: by the canceller with the backend's key, or by libpq's
    /// blocking `PQcancel` when the key cannot be read (see ``CancelKey``).
    enum CancelTarget: Sendable {
        case key(CancelKey)
        case libpq(LibPQCancel)
    }

    /// `thread`: the connection's own thread, or nil to start one on first use.
    init(pg: PGConnection, thread: WorkerThread?, statementCacheCapacity: Int) throws(AthanorError) {
        self.pg = pg
        self.startedThread = Mutex(thread)
        self.cancelTarget = CancelKey(connection: pg.pointer).map(CancelTarget.key)
            ?? LibPQCancel(connection: pg.pointer).map(CancelTarget.libpq)
        self.createdAt = monotonicNanoseconds()
        self.statements = StatementCache(capacity: statementCacheCapacity)
        self.serverVersion = ""
        self.serverDialect = .postgresql
        guard pg.enterNonblockingMode() else {
            throw .connectionFailed(ConnectionFailure(host: pg.host, port: pg.port, message: pg.errorMessage))
        }
        queryTimeout = Self.versionQueryTimeout
        defer { queryTimeout = .max }
        let version: String
        do throws(AthanorError) {
            let rows = try runSimple("SELECT version()")
            guard rows.count == 1 else { throw .misuse("SELECT version() returned no row") }
            version = String(decoding: rows.results.result.bytes(row: 0, column: 0), as: UTF8.self)
        } catch {
            throw .connectionFailed(ConnectionFailure(host: pg.host, port: pg.port, message: error.description))
        }
        self.serverVersion = version
        self.serverDialect = SQLDialect(versionString: version)
    }

    /// The bound on the first statement, `SELECT version()`, run while connecting.
    static let versionQueryTimeout: UInt64 = 10_000_000_000

    deinit { threadIfStarted?.stop() }

    /// The connection's own thread, started now if it has none yet: where leases run their work
    /// (and the task, as its executor) and blocking statements wait for the server.
    var thread: WorkerThread {
        startedThread.withLock { thread in
            if let thread { return thread }
            let started = WorkerThread(name: "athanor-conn", spins: true)
            thread = started
            return started
        }
    }

    /// True when called on the connection's own thread (false while it has none).
    var isOnItsThread: Bool { threadIfStarted?.isCurrent ?? false }

    /// The connection's thread if it has one, without starting it.
    var threadIfStarted: WorkerThread? { startedThread.withLock { $0 } }

    /// Closes the connection: on its own thread, after any work queued there; at once when it
    /// has none (then nothing is queued).
    public func close() {
        guard let thread = threadIfStarted else { return pg.finish() }
        thread.submit { [pg] in pg.finish() }
        thread.stop()
    }

    /// Opens a connection, blocking the calling thread (about 8 ms on loopback).
    ///
    /// ```swift
    /// let conn = try Connection.connectBlocking(to: DatabaseURL("postgresql://app@localhost/shop"))
    /// ```
    /// The hosts are tried one at a time from `firstHost`, each within its share of `timeout`
    /// (see ``DatabaseURL``); when all fail, ``AthanorError/connectionFailed(_:)`` names each
    /// host and its cause.
    public static func connectBlocking(
        to url: DatabaseURL, firstHost: Int = 0, statementCacheCapacity: Int = 128, timeout: Duration = .seconds(30)
    ) throws(AthanorError) -> Connection {
        let pg = try PGConnection.connect(url: url, firstHost: firstHost, timeout: timeout)
        return try Connection(pg: pg, thread: nil, statementCacheCapacity: statementCacheCapacity)
    }

    /// Opens a connection on its own new thread; the cooperative pool never blocks.
    ///
    /// The hosts are tried one at a time from `firstHost`, each within its share of `timeout`
    /// (see ``DatabaseURL``); when all fail, ``AthanorError/connectionFailed(_:)`` names each
    /// host and its cause.
    public static func connect(
        to url: DatabaseURL, firstHost: Int = 0, statementCacheCapacity: Int = 128, timeout: Duration = .seconds(30)
    ) async throws(AthanorError) -> Connection {
        let thread = WorkerThread(name: "athanor-conn", spins: true)
        let result: Result<Connection, AthanorError> = await withCheckedContinuation { continuation in
            thread.submit {
                continuation.resume(returning: Result { () throws(AthanorError) -> Connection in
                    try open(on: thread, url: url, firstHost: firstHost, statementCacheCapacity: statementCacheCapacity,
                             timeout: timeout)
                })
            }
        }
        if case .failure = result { thread.stop() }
        return try result.get()
    }

    /// Connects on the calling thread, which must be `thread` (the new connection's own, or nil
    /// for a thread started on first use), within `timeout` over all the hosts.
    static func open(
        on thread: WorkerThread?, url: DatabaseURL, firstHost: Int, statementCacheCapacity: Int, timeout: Duration
    ) throws(AthanorError) -> Connection {
        let pg = try PGConnection.connect(url: url, firstHost: firstHost, timeout: timeout)
        return try Connection(pg: pg, thread: thread, statementCacheCapacity: statementCacheCapacity)
    }

    /// The host the connection reached.
    public var host: String { pg.host }
    /// The port the connection reached.
    public var port: String { pg.port }
    /// "TLSv1.3" when encrypted, nil when not.
    public var tlsVersion: String? { pg.tlsVersion }
    /// True when libpq reports the connection broken.
    public var isBroken: Bool { pg.isBad }

    /// The executor that runs this connection's thread; leases prefer it.
    public var executor: any TaskExecutor { thread }
}
