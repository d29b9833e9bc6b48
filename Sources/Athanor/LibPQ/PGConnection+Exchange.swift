import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libpq's asynchronous half: requests are queued and sent without waiting, results are read
/// when the socket has them. The connection is in nonblocking mode (set after connecting), so
/// no call here waits for the server; ``Connection`` does the waiting, with its bounds.
extension PGConnection {
    /// Switches the connection to nonblocking mode: sends queue what the socket cannot take.
    func enterNonblockingMode() -> Bool {
        !finished && PQsetnonblocking(pointer, 1) == 0
    }

    /// Queues a simple-protocol query (several statements allowed, text results).
    func sendQuery(_ sql: String) -> Bool {
        !finished && PQsendQuery(pointer, sql) == 1
    }

    /// Queues a Parse of `sql` as the prepared statement `name`.
    func sendPrepare(name: String, sql: String, types: [UInt32]) -> Bool {
        !finished && PQsendPrepare(pointer, name, sql, Int32(types.count), types) == 1
    }

    /// Asks for the results of the request just sent one row at a time (`PGRES_SINGLE_TUPLE`
    /// each), so that a large result never sits whole in memory.
    func enterSingleRowMode() -> Bool {
        !finished && PQsetSingleRowMode(pointer) == 1
    }

    /// Queues Bind and Execute of a prepared statement, binary in and out.
    func sendQueryPrepared(name: PreparedName, bindings: Bindings) -> Bool {
        guard !finished else { return false }
        return name.cString.withUnsafeBufferPointer { name in
            bindings.withCArrays { values, lengths, formats in
                PQsendQueryPrepared(pointer, name.baseAddress, Int32(bindings.count), values, lengths, formats, 1)
            }
        } == 1
    }

    /// Queues an unnamed Parse, Bind and Execute (pipeline mode), binary in and out.
    func sendQueryParams(sql: String, bindings: Bindings) -> Bool {
        guard !finished else { return false }
        return bindings.withCArrays { values, lengths, formats in
            PQsendQueryParams(pointer, sql, Int32(bindings.count), bindings.types, values, lengths, formats, 1)
        } == 1
    }

    /// Sends what is queued: `.done`, `.pending` (the socket is full: wait until writable), or
    /// `.failed` (the connection broke).
    func flush() -> FlushOutcome {
        guard !finished else { return .failed }
        switch PQflush(pointer) {
        case 0: return .done
        case 1: return .pending
        default: return .failed
        }
    }

    enum FlushOutcome {
        case done
        case pending
        case failed
    }

    /// Reads what the socket holds into libpq's buffer; false when the connection broke.
    func consumeInput() -> Bool { !finished && PQconsumeInput(pointer) == 1 }

    /// True while the next result is not complete in libpq's buffer (reading it would wait).
    var isBusy: Bool { !finished && PQisBusy(pointer) == 1 }

    /// The next result of the current request, nil once it has no more. Call only when not busy.
    func nextResult() -> PGResult? {
        guard !finished else { return nil }
        return PQgetResult(pointer).map(PGResult.init)
    }

    /// Waits at most `milliseconds` (clamped to at least 0) for the socket to become readable,
    /// or writable too when `writable`; true when it did (or shows an error: libpq will say).
    func waitForSocket(writable: Bool, milliseconds: Int32) -> Bool {
        guard !finished else { return true }
        if hasDecryptedInput { return true }
        var events = Int16(POLLIN)
        if writable { events |= Int16(POLLOUT) }
        var descriptor = pollfd(fd: PQsocket(pointer), events: events, revents: 0)
        while true {
            let ready = poll(&descriptor, 1, max(milliseconds, 0))
            if ready >= 0 { return ready > 0 }
            if errno != EINTR { return true }
        }
    }

    /// True when the server sent something to an idle connection (a FATAL before closing, or
    /// the close itself, or a notice): it is read, up to the end of what is there, so that
    /// `isBad` then tells whether the server closed the connection.
    func readUnexpectedInput() -> Bool {
        guard !finished else { return true }
        var descriptor = pollfd(fd: PQsocket(pointer), events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) != 0 else { return false }
        // A FATAL message and the end of the stream usually arrive together; libpq reads the
        // message first and sees the end only on its next read.
        for _ in 0..<8 {
            guard PQconsumeInput(pointer) == 1, PQstatus(pointer) == CONNECTION_OK else { break }
            descriptor.revents = 0
            guard poll(&descriptor, 1, 0) > 0 else { break }
        }
        return true
    }
}

/// OpenSSL's `SSL_pending`, found in the process (libpq links libssl) rather than linked, so the
/// runtime needs no OpenSSL headers: nil when it is not there.
private let sslPending: (@convention(c) (OpaquePointer?) -> Int32)? = {
    guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "SSL_pending") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (OpaquePointer?) -> Int32).self)
}()

extension PGConnection {
    /// True when TLS has decrypted bytes buffered that `poll` cannot see (libpq reads one TLS
    /// record per `PQconsumeInput`; its own waits check this too, as `pgtls_read_pending`).
    var hasDecryptedInput: Bool {
        guard PQsslInUse(pointer) == 1, let sslPending, let ssl = PQsslStruct(pointer, "OpenSSL") else { return false }
        return sslPending(OpaquePointer(ssl)) > 0
    }
}
