import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PGConnection {
    /// Connects (blocking the calling thread), trying the hosts one at a time from `firstHost`,
    /// each within its share of `timeout` (``ConnectBudget``), and the next one when a host
    /// refuses, fails or does not answer in time. libpq is given one host per try, driven with
    /// `PQconnectStartParams`, `PQconnectPoll` and `poll()` on its socket against millisecond
    /// deadlines: its own `connect_timeout` applies only to its blocking connect, and without it
    /// libpq waits forever for a host that accepts TCP and never answers. When every host
    /// fails, the error names each host and its cause.
    static func connect(url: DatabaseURL, firstHost: Int, timeout: Duration) throws(AthanorError) -> PGConnection {
        let budget = ConnectBudget(
            deadline: monotonicNanoseconds() &+ timeout.nanoseconds, perHostLimit: url.connectTimeoutPerHost)
        let order = url.hostOrder(firstHost: firstHost)
        var failures: [HostFailure] = []
        for (position, index) in order.enumerated() {
            let now = monotonicNanoseconds()
            guard let hostDeadline = budget.hostDeadline(now: now, hostsLeft: order.count - position) else {
                let message = "not tried: the connect timeout of \(seconds(timeout.nanoseconds)) was used up"
                failures += order[position...].map { HostFailure(endpoint: url.endpoints[$0], message: message) }
                break
            }
            switch attempt(url: url, endpoint: index, deadline: hostDeadline, started: now) {
            case .connected(let connection): return connection
            case .failed(let failure): failures.append(failure)
            }
        }
        throw .connectionFailed(HostFailure.combined(failures, url: url))
    }

    /// One host's failure: its endpoint, libpq's message (redacted) or the timeout, the SQLSTATE.
    struct HostFailure {
        var endpoint: DatabaseURL.Endpoint
        var message: String
        var sqlState: SQLState?

        /// One failure for all the hosts tried: each host and its cause, in the order tried.
        static func combined(_ failures: [HostFailure], url: DatabaseURL) -> ConnectionFailure {
            guard failures.count != 1 else {
                let only = failures[0]
                return ConnectionFailure(
                    host: only.endpoint.host, port: String(only.endpoint.port), sqlState: only.sqlState, message: only.message)
            }
            guard !failures.isEmpty else {
                return ConnectionFailure(host: url.hostsDescription, port: url.portsDescription, message: "the URL has no host")
            }
            let causes = failures.map { failure in
                "\(failure.endpoint): " + failure.message.split(whereSeparator: \.isNewline)
                    .map { $0.trimmingPrefix(while: \.isWhitespace) }.joined(separator: " ")
            }
            return ConnectionFailure(
                host: failures.map(\.endpoint.host).joined(separator: ","),
                port: failures.map { String($0.endpoint.port) }.joined(separator: ","),
                sqlState: failures.lazy.compactMap(\.sqlState).first, message: causes.joined(separator: "; "))
        }
    }

    enum Attempt {
        case connected(PGConnection)
        case failed(HostFailure)
    }

    /// Rounds of `PQconnectPoll` one host may take (TCP, TLS, GSS, authentication, checks: a few
    /// dozen in practice); a bound so that no loop here depends on time alone.
    static let maximumPollRounds = 10_000

    /// Connects to the host at `index` alone, by its deadline.
    static func attempt(url: DatabaseURL, endpoint index: Int, deadline: UInt64, started: UInt64) -> Attempt {
        let endpoint = url.endpoints[index]
        let (keywords, values) = url.connectionParameters(endpoint: index)
        let pointer = withCStringArray(keywords) { keywordArray in
            withCStringArray(values) { valueArray in PQconnectStartParams(keywordArray, valueArray, 0) }
        }
        guard let pointer else { return .failed(HostFailure(endpoint: endpoint, message: "out of memory")) }
        let connection = PGConnection(pointer: pointer, url: url)  // PQfinish on every early return
        // Before the first PQconnectPoll, act as if it had answered "writing" (libpq's documentation).
        var polling = PGRES_POLLING_WRITING
        var rounds = 0
        while rounds < maximumPollRounds, polling != PGRES_POLLING_FAILED, PQstatus(pointer) != CONNECTION_BAD {
            rounds += 1
            if polling == PGRES_POLLING_OK {
                PQsetNoticeProcessor(pointer, { _, _ in }, nil)
                return .connected(connection)
            }
            switch waitForSocket(of: pointer, readable: polling == PGRES_POLLING_READING, deadline: deadline) {
            case .ready:
                polling = PQconnectPoll(pointer)
            case .timedOut:
                let waited = seconds(monotonicNanoseconds() &- started)
                return .failed(HostFailure(endpoint: endpoint, message: "timed out after \(waited): \(phase(of: pointer))"))
            case .failed(let code):
                return .failed(HostFailure(endpoint: endpoint, message: "poll() failed: \(String(cString: strerror(code)))"))
            }
        }
        let message = PQstatus(pointer) == CONNECTION_BAD ? connection.errorMessage : "the connection did not complete"
        return .failed(HostFailure(endpoint: endpoint, message: message, sqlState: ConnectFailureClassifier.sqlState(of: message)))
    }

    enum SocketWait {
        case ready
        case timedOut
        case failed(Int32)
    }

    /// Waits until libpq's socket is readable (or writable), or the deadline passes.
    static func waitForSocket(of pointer: OpaquePointer, readable: Bool, deadline: UInt64) -> SocketWait {
        let socket = PQsocket(pointer)
        guard socket >= 0 else { return .failed(EBADF) }
        for _ in 0..<maximumPollRounds {
            let now = monotonicNanoseconds()
            guard now < deadline else { return .timedOut }
            let milliseconds = Int32(clamping: (deadline - now + 999_999) / 1_000_000)
            var descriptor = pollfd(fd: socket, events: Int16(readable ? POLLIN : POLLOUT), revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready > 0 { return .ready }  // POLLERR and POLLHUP too: PQconnectPoll reads the cause
            if ready < 0 && errno != EINTR { return .failed(errno) }
        }
        return .timedOut
    }

    /// What the connection was waiting for, in words, from libpq's connection status.
    static func phase(of pointer: OpaquePointer) -> String {
        switch PQstatus(pointer) {
        case CONNECTION_STARTED: "the TCP connection was not accepted"
        case CONNECTION_MADE: "connected, the startup message was not sent"
        case CONNECTION_SSL_STARTUP: "no answer to the TLS request or handshake"
        case CONNECTION_GSS_STARTUP: "no answer to the GSSAPI encryption request"
        case CONNECTION_AWAITING_RESPONSE: "no answer to the startup message"
        case CONNECTION_AUTH_OK: "authenticated, the server did not become ready"
        case CONNECTION_CHECK_WRITABLE, CONNECTION_CHECK_TARGET, CONNECTION_CHECK_STANDBY:
            "no answer while checking target_session_attrs"
        default: "the connection did not complete"
        }
    }

    /// `1.35 s`, for messages.
    static func seconds(_ nanoseconds: UInt64) -> String {
        let hundredths = (nanoseconds + 5_000_000) / 10_000_000
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
    }
}
