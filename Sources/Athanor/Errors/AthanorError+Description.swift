extension AthanorError: CustomStringConvertible, CustomDebugStringConvertible {
    /// One line without values, SQL or passwords: safe for logs and HTTP responses.
    public var description: String {
        switch self {
        case .server(let error): return error.summary
        case .connectionFailed(let failure): return "connection to \(failure.endpoint) failed\(failure.codeSuffix)"
        case .connectionLost(let failure):
            return "connection to \(failure.endpoint) lost\(failure.writeInFlight ? " with a statement in flight" : "")\(failure.codeSuffix)"
        case .poolTimeout(let error):
            var text = "pool timeout: no connection within \(error.timeoutSeconds) s (size \(error.size), overflow \(error.maxOverflow))"
            if let last = error.lastConnectError { text += "; last connect error: connection to \(last.endpoint) failed\(last.codeSuffix)" }
            return text
        case .poolClosed: return "the pool is closed"
        case .ambiguousCommit(let cause):
            return "ambiguous commit: the outcome of \(cause.statement) is unknown (\(cause.reason))"
        case .decoding(let failure):
            return "cannot decode column \(failure.column) (type oid \(failure.oid)) as \(failure.swiftType): \(failure.reason)"
        case .encoding(let failure): return "cannot encode \(failure.swiftType): \(failure.reason)"
        case .invalidURL(let reason): return "invalid database URL: \(reason)"
        case .dialectMismatch(let expected, let server):
            return "dialect mismatch: the URL says \(expected.productName), the server is \(server.productName)"
        case .misuse(let text): return "misuse: \(text)"
        case .timedOut(let failure): return failure.summary
        case .versionConflict(let conflict): return conflict.description
        }
    }

    /// The description plus the server's message, DETAIL and HINT, or libpq's message
    /// (passwords removed). May contain values: keep it out of responses to clients.
    public var debugDescription: String {
        switch self {
        case .server(let error): return error.details
        case .connectionFailed(let failure), .connectionLost(let failure):
            return "\(description): \(failure.message)"
        case .poolTimeout(let error):
            guard let last = error.lastConnectError else { return description }
            return "\(description): \(last.message)"
        case .ambiguousCommit(let cause):
            if let server = cause.server { return "\(description): \(server.details)" }
            if let connection = cause.connection { return "\(description): \(connection.message)" }
            if let timeout = cause.timeout { return "\(description): \(timeout.summary)" }
            return description
        default: return description
        }
    }
}

extension ConnectionFailure {
    /// `db1:5432`, `[::1]:5432`; for several hosts each with its port: `db1:5432,db2:5433`.
    var endpoint: String {
        let hosts = host.split(separator: ",", omittingEmptySubsequences: false)
        let ports = port.split(separator: ",", omittingEmptySubsequences: false)
        guard hosts.count == ports.count else { return "\(host):\(port)" }
        return zip(hosts, ports).map { host, port in host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
            .joined(separator: ",")
    }
    var codeSuffix: String { sqlState.map { " (\($0.rawValue) \($0.conditionName ?? "error"))" } ?? "" }
}

extension AmbiguousCause {
    var reason: String {
        if let server { return "\(server.sqlState.rawValue) \(server.sqlState.conditionName ?? "error")" }
        if connection != nil { return "the connection broke while it was in flight" }
        if let timeout { return "no answer within the \(timeout.bound == .query ? "query" : "cancel") timeout" }
        return "unknown"
    }
}

extension TimeoutFailure {
    var summary: String {
        let limit = "\(seconds) s"
        switch (bound, sqlState) {
        case (.query, .some):
            return "query timeout: no answer from \(host):\(port) within \(limit); the statement was cancelled"
        case (.query, nil):
            return "query timeout: no answer from \(host):\(port) within \(limit), nor to the cancel; connection closed"
                + (writeInFlight ? ", the statement's outcome unknown" : ", the statement not sent")
        case (.cancel, _):
            return "cancel timeout: \(host):\(port) did not answer a cancel within \(limit); connection closed"
                + (writeInFlight ? ", the statement's outcome unknown" : ", the statement not sent")
        }
    }
}
