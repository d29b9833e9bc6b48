/// The one error type of the runtime.
///
/// Each case is a distinct failure a caller may handle differently:
/// ```swift
/// do {
///     try await pool.execute("INSERT INTO users (email) VALUES ($1)", [email])
/// } catch let error as AthanorError where error.isUniqueViolation {
///     // already there
/// } catch AthanorError.ambiguousCommit {
///     // the write may or may not have happened: check before retrying
/// }
/// ```
/// `description` never contains values, SQL or passwords; `debugDescription` adds the
/// server's message, DETAIL and HINT, and still never a password.
public enum AthanorError: Error, Sendable {
    /// The server rejected a statement.
    case server(ServerError)
    /// A connection could not be opened (`host` and `port` as tried; libpq's message redacted).
    case connectionFailed(ConnectionFailure)
    /// An open connection broke. `writeInFlight` tells whether a statement was on the wire.
    case connectionLost(ConnectionFailure)
    /// No connection became available within the pool's timeout.
    case poolTimeout(PoolTimeoutError)
    /// The pool was closed.
    case poolClosed
    /// The COMMIT (or RELEASE, or a single autocommit write) was sent and its outcome is unknown:
    /// the connection broke while it was in flight, or the server answered 40003.
    case ambiguousCommit(underlying: AmbiguousCause)
    /// A result value could not be decoded into the requested Swift type.
    case decoding(DecodingFailure)
    /// A Swift value cannot be encoded for the server (NaN numeric, out-of-range date, ...).
    case encoding(EncodingFailure)
    /// The URL could not be parsed or names an unknown parameter.
    case invalidURL(reason: String)
    /// The URL's scheme names one product and the server is the other.
    case dialectMismatch(expected: SQLDialect, server: SQLDialect)
    /// The runtime was used against its contract (for example nested transactions).
    case misuse(String)
    /// The server did not answer in time: the query timeout passed (and the statement was
    /// cancelled), or a cancel went unanswered and the connection was given up on. A write
    /// whose outcome this leaves unknown reaches a pool caller as ``ambiguousCommit(underlying:)``.
    case timedOut(TimeoutFailure)
    /// A generated repository's write of a stale value: the row's `@version` was not the
    /// value's, and nothing was written.
    case versionConflict(VersionConflict)
}

/// A call that ran out of time: which bound, and whether the statement's outcome is known.
public struct TimeoutFailure: Sendable, Hashable {
    /// The bound that ran out.
    public enum Bound: Sendable, Hashable {
        /// ``PoolConfiguration/queryTimeout`` (or the call's own `timeout`).
        case query
        /// ``PoolConfiguration/cancelTimeout``: the server did not answer a cancel.
        case cancel
    }

    /// The bound that ran out.
    public var bound: Bound
    /// Its length, in seconds.
    public var seconds: Double
    /// The host of the connection.
    public var host: String
    /// Its port.
    public var port: String
    /// 57014 when the server cancelled the statement at the deadline (nothing was applied, the
    /// connection stays usable); nil when the connection was given up on.
    public var sqlState: SQLState?
    /// Whether the statement had been sent and its outcome is unknown (the connection was given
    /// up on before the server answered).
    public var writeInFlight: Bool

    /// Creates a failure value.
    public init(bound: Bound, seconds: Double, host: String, port: String, sqlState: SQLState?, writeInFlight: Bool) {
        self.bound = bound
        self.seconds = seconds
        self.host = host
        self.port = port
        self.sqlState = sqlState
        self.writeInFlight = writeInFlight
    }
}

/// Why a connection failed or broke. `message` is libpq's text with any password removed.
public struct ConnectionFailure: Sendable, Hashable {
    /// The host (or hosts) the connection was for.
    public var host: String
    /// The port.
    public var port: String
    /// The SQLSTATE, when the server sent one (28P01 for a wrong password, 3D000, 57P01...).
    public var sqlState: SQLState?
    /// libpq's message, redacted.
    public var message: String
    /// For a broken connection: whether a statement had been sent and not yet answered.
    public var writeInFlight: Bool

    /// Creates a failure value.
    public init(host: String, port: String, sqlState: SQLState? = nil, message: String, writeInFlight: Bool = false) {
        self.host = host
        self.port = port
        self.sqlState = sqlState
        self.message = message
        self.writeInFlight = writeInFlight
    }
}

/// The pool's timeout error: it carries the last connection error, if connecting failed.
public struct PoolTimeoutError: Sendable {
    /// The configured timeout, in seconds.
    public var timeoutSeconds: Double
    /// The pool's size and overflow at the time.
    public var size: Int
    /// The pool's overflow limit.
    public var maxOverflow: Int
    /// The last error seen while opening a connection, if any.
    public var lastConnectError: ConnectionFailure?
}

/// What made a commit's outcome unknown.
public struct AmbiguousCause: Sendable, Hashable {
    /// The statement in flight: `COMMIT`, `RELEASE SAVEPOINT cockroach_restart`, or `statement`.
    public var statement: String
    /// The connection failure, when the connection broke.
    public var connection: ConnectionFailure?
    /// The server error, when the server answered 40003 or similar.
    public var server: ServerError?
    /// The timeout, when the server did not answer in time and the connection was given up on.
    public var timeout: TimeoutFailure?
}

/// A value that could not be decoded.
public struct DecodingFailure: Sendable, Hashable {
    /// The result column's name, or its index as text.
    public var column: String
    /// The Swift type asked for.
    public var swiftType: String
    /// The column's type OID.
    public var oid: UInt32
    /// What went wrong, without the value.
    public var reason: String
}

/// A value that could not be encoded.
public struct EncodingFailure: Sendable, Hashable {
    /// The Swift type.
    public var swiftType: String
    /// What went wrong, without the value.
    public var reason: String
}
