@testable import Athanor
import Glibc
import Synchronization

/// A test-only TCP proxy on loopback. It forwards bytes both ways and, when armed, cuts the
/// connection right after forwarding a client chunk that `shouldCut` matches (for example the
/// simple Query message carrying COMMIT), so the server may receive it but the client never
/// learns its outcome.
final class TCPProxy: Sendable {
    let port: Int
    private let listener: Int32
    private let targetPort: UInt16
    let armed = Atomic<Bool>(false)
    let cuts = Atomic<Int>(0)
    /// While true, nothing is forwarded either way (the sockets stay open): a stalled link.
    let stalled = Atomic<Bool>(false)
    /// Milliseconds each chunk from the server waits before it goes on to the client.
    let delayToClient = Atomic<Int>(0)
    private let matcher: @Sendable ([UInt8]) -> Bool

    init(targetPort: Int, shouldCut: @escaping @Sendable ([UInt8]) -> Bool) throws {
        self.targetPort = UInt16(targetPort)
        self.matcher = shouldCut
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        listener = descriptor
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else { throw AthanorError.misuse("proxy cannot listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = WorkerThread(name: "proxy-accept")
        thread.submit { [self] in acceptLoop() }
        thread.stop()
    }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: targetPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { close(client); close(server); continue }
            let severed = Severed()
            pump(from: client, to: server, inspect: true, severed: severed)
            pump(from: server, to: client, inspect: false, severed: severed)
        }
    }

    /// Set before the matched chunk goes out, so that no answer to it reaches the client.
    final class Severed: Sendable {
        let flag = Atomic<Bool>(false)
    }

    private func pump(from source: Int32, to destination: Int32, inspect: Bool, severed: Severed) {
        let thread = WorkerThread(name: "proxy-pump")
        thread.submit { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(source, &buffer, buffer.count)
                if count <= 0 { break }
                let chunk = Array(buffer[0..<count])
                // A stall holds the chunk (at most a minute); a delay holds answers only.
                var held = 0
                while stalled.load(ordering: .acquiring) && held < 60_000 { usleep(1000); held += 1 }
                let delay = inspect ? 0 : delayToClient.load(ordering: .acquiring)
                if delay > 0 { usleep(UInt32(delay) * 1000) }
                let cut = inspect && armed.load(ordering: .acquiring) && matcher(chunk)
                if cut {
                    armed.store(false, ordering: .releasing)
                    severed.flag.store(true, ordering: .releasing)
                    cuts.add(1, ordering: .relaxed)
                }
                if severed.flag.load(ordering: .acquiring) && !inspect { break }
                _ = chunk.withUnsafeBytes { send(destination, $0.baseAddress, count, Int32(MSG_NOSIGNAL)) }
                if cut { break }
            }
            shutdown(source, Int32(SHUT_RDWR))
            shutdown(destination, Int32(SHUT_RDWR))
        }
        thread.stop()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// A chunk that starts with a simple Query ('Q') containing `text`.
    static func isQuery(_ chunk: [UInt8], containing text: String) -> Bool {
        chunk.first == UInt8(ascii: "Q") && String(decoding: chunk, as: UTF8.self).contains(text)
    }
}
