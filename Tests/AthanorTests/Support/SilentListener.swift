import Athanor
import Glibc
import Synchronization

/// A TCP port on 127.0.0.1 that completes the handshake (the kernel does, from its listen
/// backlog) and then never says a word: the host that accepts TCP and never answers. No thread,
/// nothing accepted; `close()` makes the port refuse, and the pending connections are reset.
final class SilentListener: Sendable {
    let port: Int
    private let descriptor: Int32
    private let closed = Atomic<Bool>(false)

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard descriptor >= 0, bound == 0, listen(descriptor, 64) == 0 else {
            Glibc.close(descriptor)
            throw AthanorError.misuse("the silent listener cannot listen")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Stops listening: new connections are refused.
    func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        _ = Glibc.close(descriptor)
    }

    deinit { close() }
}
