import Glibc
import Synchronization

/// One proxied connection: the client's socket, the server's, and the flags its two pumps share.
/// ``FaultProxy`` calls ``sever()`` and ``closeSockets()`` only under its registry lock.
final class ProxiedConnection: Sendable {
    let id: Int
    let client: Int32
    let server: Int32
    /// Set once the connection is being cut or closed: both pumps stop.
    let severed = Atomic<Bool>(false)
    /// Set just before a matched chunk is forwarded (cut after forwarding): nothing more from
    /// the server reaches the client, so the client never learns the outcome.
    let dropsAnswers = Atomic<Bool>(false)
    /// Pumps still running; the last one to end closes the sockets.
    let pumpsRunning = Atomic<Int>(2)

    init(id: Int, client: Int32, server: Int32) {
        self.id = id
        self.client = client
        self.server = server
    }

    var isSevered: Bool { severed.load(ordering: .acquiring) }

    /// Shuts both sockets down: blocked reads and sends return, both peers see the close.
    func sever() {
        severed.store(true, ordering: .releasing)
        shutdown(client, Int32(SHUT_RDWR))
        shutdown(server, Int32(SHUT_RDWR))
    }

    func closeSockets() {
        close(client)
        close(server)
    }
}
