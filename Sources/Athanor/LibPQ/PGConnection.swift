import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns one `PGconn`. Not thread-safe: one lease, hence one thread, uses it at a time.
final class PGConnection: @unchecked Sendable {
    let pointer: OpaquePointer
    let url: DatabaseURL

    init(pointer: OpaquePointer, url: DatabaseURL) {
        self.pointer = pointer
        self.url = url
    }

    private(set) var finished = false

    deinit { finish() }

    /// Closes the connection (sends Terminate); later calls do nothing.
    func finish() {
        guard !finished else { return }
        finished = true
        PQfinish(pointer)
    }

    /// libpq's last error message, redacted and trimmed.
    var errorMessage: String {
        guard !finished else { return "connection closed" }
        guard let message = PQerrorMessage(pointer) else { return "" }
        return url.redact(String(cString: message)).trimmingTrailingWhitespace
    }

    /// The connection's socket, -1 once closed.
    var socket: Int32 { finished ? -1 : PQsocket(pointer) }
    var isBad: Bool { finished || PQstatus(pointer) != CONNECTION_OK }
    var transactionStatus: PGTransactionStatusType { finished ? PQTRANS_UNKNOWN : PQtransactionStatus(pointer) }
    var host: String { finished ? url.hostsDescription : PQhost(pointer).map { String(cString: $0) } ?? "" }
    var port: String { finished ? url.portsDescription : PQport(pointer).map { String(cString: $0) } ?? "" }

    /// "TLSv1.3" when the connection is encrypted, nil otherwise.
    var tlsVersion: String? {
        guard !finished, PQsslInUse(pointer) == 1 else { return nil }
        return PQsslAttribute(pointer, "protocol").map { String(cString: $0) } ?? "TLS"
    }

    /// Checks the socket without a round trip: false when the server closed it or sent something
    /// (a FATAL before closing), true when nothing is pending and libpq still says OK.
    func socketLooksHealthy() -> Bool {
        !isBad && !readUnexpectedInput()
    }
}

extension String {
    var trimmingTrailingWhitespace: String {
        var text = self
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}

/// Calls `body` with a NULL-terminated C array of C strings.
func withCStringArray<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } } + [nil]
    return body(pointers)
}
