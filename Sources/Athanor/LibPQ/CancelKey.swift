import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a CancelRequest needs: the server's address and the backend's process id and secret
/// key, taken once after connecting, so that a cancel never touches the `PGconn` (which belongs
/// to the connection's thread) and can be sent without blocking (see ``Canceller``).
///
/// libpq 15 has no nonblocking cancel (`PQcancelStart` and `PQcancelPoll` came in libpq 17),
/// and `PQcancel` waits without a bound for the server to close the socket. So the key is read
/// from the `PGcancel` that `PQgetCancel` returns, whose layout libpq 9.x to 17 share
/// (`SockAddr raddr; int be_pid; int be_key; ...`), and only when it checks out against what
/// the connection says of itself: the backend pid must match `PQbackendPID` and the address
/// must be a socket address of a plausible family and length. When it does not, the cancel
/// falls back to `PQcancel` on a thread of its own (``fallback``), bounded only by the socket's
/// TCP settings.
struct CancelKey: Sendable {
    /// The server's socket address, as libpq connected to it (`sockaddr_storage` bytes).
    let address: [UInt8]
    /// The address's length.
    let addressLength: socklen_t
    /// The backend's process id.
    let processID: Int32
    /// The backend's secret key.
    let secretKey: Int32

    /// The byte offsets of `struct pg_cancel` (libpq-int.h): `SockAddr` is a `sockaddr_storage`
    /// (128 bytes) and a `socklen_t`, padded to the storage's 8-byte alignment.
    private static let lengthOffset = MemoryLayout<sockaddr_storage>.size
    private static let processIDOffset = (MemoryLayout<sockaddr_storage>.size + MemoryLayout<socklen_t>.size + 7) & ~7
    private static let secretKeyOffset = processIDOffset + 4

    /// Reads the key of `connection` (connected); nil when the layout does not check out.
    init?(connection: OpaquePointer) {
        guard let cancel = PQgetCancel(connection) else { return nil }
        defer { PQfreeCancel(cancel) }
        let raw = UnsafeRawPointer(cancel)
        let pid = raw.loadUnaligned(fromByteOffset: Self.processIDOffset, as: Int32.self)
        let length = raw.loadUnaligned(fromByteOffset: Self.lengthOffset, as: socklen_t.self)
        let family = Int32(raw.loadUnaligned(as: sa_family_t.self))
        guard pid != 0, pid == PQbackendPID(connection),
              [AF_INET, AF_INET6, AF_UNIX].contains(family),
              length > 0, Int(length) <= MemoryLayout<sockaddr_storage>.size
        else { return nil }
        self.address = Array(UnsafeRawBufferPointer(start: raw, count: MemoryLayout<sockaddr_storage>.size))
        self.addressLength = length
        self.processID = pid
        self.secretKey = raw.loadUnaligned(fromByteOffset: Self.secretKeyOffset, as: Int32.self)
    }

    /// The 16-byte CancelRequest message: length, the code 80877102, pid and key, big-endian.
    var message: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for value in [UInt32(16), UInt32(80_877_102), UInt32(bitPattern: processID), UInt32(bitPattern: secretKey)] {
            withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// The address family (`AF_INET`, `AF_INET6` or `AF_UNIX`).
    var family: Int32 { address.withUnsafeBytes { Int32($0.loadUnaligned(as: sa_family_t.self)) } }
}

/// libpq's own blocking cancel, for a libpq whose `PGcancel` layout ``CancelKey`` does not
/// recognise. Owns a `PGcancel`; `PQcancel` on it is thread-safe.
final class LibPQCancel: @unchecked Sendable {
    private let pointer: OpaquePointer

    init?(connection: OpaquePointer) {
        guard let pointer = PQgetCancel(connection) else { return nil }
        self.pointer = pointer
    }

    deinit { PQfreeCancel(pointer) }

    /// Sends a CancelRequest and waits for the server to take it (blocking, unbounded).
    func send() {
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(pointer, &buffer, 256)
    }
}
