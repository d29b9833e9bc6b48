// One nonblocking libpq connection, driven by the event loop that owns it.
import CLibPQEventLoop
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#endif

/// Why a get through the event loop failed. Messages never carry the URL (no password).
enum LoopError: Error, Sendable, CustomStringConvertible {
    /// `PQconnectdb` or switching to nonblocking mode failed.
    case connect(String)
    /// Preparing the statement at connect failed.
    case prepare(String)
    /// The server answered the get with an error, or libpq could not send it.
    case query(String)
    /// No connection became free within the pool's timeout.
    case poolTimeout
    /// The server did not answer within the query timeout (the connection is given up).
    case queryTimeout
    /// The connection broke (read or write failed); it is taken out of service.
    case broken(String)
    /// A cell could not be decoded (which column, as what, why; never the value).
    case decoding(String)

    var description: String {
        switch self {
        case .connect(let message): "connect: \(message)"
        case .prepare(let message): "prepare: \(message)"
        case .query(let message): "query: \(message)"
        case .poolTimeout: "pool timeout"
        case .queryTimeout: "query timeout"
        case .broken(let message): "connection broken: \(message)"
        case .decoding(let message): "decoding: \(message)"
        }
    }
}

/// A `PGresult` handed from the loop thread to the caller, who decodes it and clears it.
///
/// A `PGresult` is immutable once libpq returns it and does not refer to its connection, so it
/// may be read on any thread; exactly one owner clears it (``consume(_:)``).
struct OwnedResult: @unchecked Sendable {
    /// The result; valid until ``consume(_:)`` returns.
    let pointer: OpaquePointer

    /// Runs `body` on the result, then frees it.
    func consume<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        defer { PQclear(pointer) }
        return try body(pointer)
    }
}

/// What a get resumes its caller with.
enum GetOutcome: Sendable {
    /// The get's result (one row, or none when the id does not exist).
    case result(OwnedResult)
    /// Why it failed.
    case failed(LoopError)
}

/// A get waiting for, or running on, a connection: the id, the suspended caller and when it
/// was asked (for the pool's timeout and the query timeout).
struct GetRequest {
    /// The primary key to read.
    let id: UUID
    /// The caller, resumed exactly once by the loop that took the request.
    let continuation: UnsafeContinuation<GetOutcome, Never>
    /// `monotonicNanoseconds()` when the request entered the pool.
    let enqueued: UInt64
}

/// One `PGconn` in nonblocking mode with the get statement prepared.
///
/// Thread confinement: after ``connect(url:statement:)`` (on the setup thread), only the event
/// loop that owns the connection touches it, so nothing here is locked.
final class LoopConnection {
    /// The libpq connection.
    let pointer: OpaquePointer
    /// Its socket, registered in the owning loop's epoll set.
    let socket: Int32
    /// The request in flight, nil when the connection is free.
    var request: GetRequest?
    /// When the request in flight was sent (for the query timeout).
    var sentAt: UInt64 = 0
    /// The first result of the request in flight (a get has one); the others are cleared.
    private var result: OpaquePointer?
    /// True while libpq holds output the socket could not take (wait for EPOLLOUT).
    private(set) var wantsWrite = false
    /// False once the connection broke: it is never used again.
    private(set) var isUsable = true

    /// The name the get statement is prepared under, on every connection.
    static let statementName = "bench_eventloop_get"

    private init(pointer: OpaquePointer) {
        self.pointer = pointer
        self.socket = PQsocket(pointer)
    }

    deinit {
        if let result { PQclear(result) }
        PQfinish(pointer)
    }

    /// Connects (blocking: called at setup, off Swift's cooperative pool), prepares `statement`
    /// with one `uuid` parameter (`PQsendPrepare`, its result awaited while still in blocking
    /// mode), then switches to nonblocking mode.
    static func connect(url: String, statement: String) throws(LoopError) -> LoopConnection {
        guard let pointer = PQconnectdb(url) else { throw .connect("out of memory") }
        let connection = LoopConnection(pointer: pointer)
        guard PQstatus(pointer) == CONNECTION_OK else { throw .connect(connection.errorMessage) }
        var types: [Oid] = [uuidOID]
        guard PQsendPrepare(pointer, statementName, statement, 1, &types) == 1 else {
            throw .prepare(connection.errorMessage)
        }
        var failure: String?
        // Blocking mode: PQgetResult waits; a prepare gives one result, then NULL.
        for _ in 0..<8 {
            guard let result = PQgetResult(pointer) else { break }
            if PQresultStatus(result) != PGRES_COMMAND_OK { failure = connection.errorMessage }
            PQclear(result)
        }
        if let failure { throw .prepare(failure) }
        guard PQsetnonblocking(pointer, 1) == 0 else { throw .connect(connection.errorMessage) }
        return connection
    }

    /// libpq's last error message, trimmed.
    var errorMessage: String {
        guard let message = PQerrorMessage(pointer) else { return "" }
        var text = String(cString: message)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }

    /// What sending or reading did.
    enum Progress {
        /// The request is on its way or partly answered: wait for the socket.
        case pending
        /// The request is answered: ``takeOutcome()`` has its outcome.
        case complete
        /// The connection broke.
        case broken
    }

    /// Sends `request` (`PQsendQueryPrepared`, one binary `uuid`, binary results) and flushes.
    func start(_ request: GetRequest, now: UInt64) -> Progress {
        self.request = request
        sentAt = now
        let sent = withUnsafeBytes(of: request.id.uuid) { bytes -> Int32 in
            var values: [UnsafePointer<CChar>?] = [bytes.baseAddress?.assumingMemoryBound(to: CChar.self)]
            var lengths: [Int32] = [Int32(bytes.count)]
            var formats: [Int32] = [1]
            return PQsendQueryPrepared(pointer, Self.statementName, 1, &values, &lengths, &formats, 1)
        }
        guard sent == 1 else { return markBroken() }
        return flush()
    }

    /// Sends what libpq holds: pending (with ``wantsWrite``) while the socket is full.
    func flush() -> Progress {
        switch PQflush(pointer) {
        case 0:
            wantsWrite = false
            return .pending
        case 1:
            wantsWrite = true
            return .pending
        default:
            return markBroken()
        }
    }

    /// The socket is readable: reads what it holds, then takes every complete result. Complete
    /// once `PQgetResult` returned NULL for the request.
    func readResults() -> Progress {
        guard PQconsumeInput(pointer) == 1 else { return markBroken() }
        while PQisBusy(pointer) == 0 {
            guard let next = PQgetResult(pointer) else { return .complete }
            if result == nil { result = next } else { PQclear(next) }
        }
        return .pending
    }

    /// The outcome of the answered request (its result, or the server's error), and the request;
    /// the connection is free afterwards.
    func takeOutcome() -> (GetRequest, GetOutcome)? {
        guard let request else { return nil }
        self.request = nil
        let taken = result
        result = nil
        guard let taken else { return (request, .failed(.query(errorMessage))) }
        guard PQresultStatus(taken) == PGRES_TUPLES_OK else {
            let message = PQresultErrorMessage(taken).map { String(cString: $0) } ?? ""
            PQclear(taken)
            return (request, .failed(.query(message)))
        }
        return (request, .result(OwnedResult(pointer: taken)))
    }

    /// Takes the connection out of service; the request in flight (if any) is left for the loop
    /// to fail.
    func markBroken() -> Progress {
        isUsable = false
        return .broken
    }

    /// Takes the request in flight away, to fail it (broken connection, query timeout).
    func abandonRequest() -> GetRequest? {
        defer {
            request = nil
            if let result { PQclear(result) }
            result = nil
        }
        return request
    }
}

/// PostgreSQL's `uuid` type OID.
let uuidOID: Oid = 2950

/// Nanoseconds of the monotonic clock.
func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
}
