#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Sends the CancelRequests of every connection in the process from one thread that never
/// blocks: each request is a nonblocking socket with its own deadline, driven by `poll`, so a
/// server that does not answer (a stalled link, a host that accepts and stays silent) delays no
/// other cancel, and its own request is abandoned at its deadline.
///
/// A request is taken only if `claim` still wants it when the thread gets to it (the call it
/// was for may have ended meanwhile); it is complete when the server closes the socket, which
/// the postmaster does after it has signalled the backend.
final class Canceller: @unchecked Sendable {
    /// The process's canceller; its thread starts with the first request.
    static let shared = Canceller()

    /// A cancel waiting for the thread: `claim` returns the key to send, or nil to drop it.
    private struct Request {
        let claim: @Sendable () -> CancelKey?
        let bound: UInt64
        let completed: @Sendable () -> Void
    }

    /// A cancel on the wire.
    private struct Exchange {
        let socket: Int32
        let deadline: UInt64
        var message: [UInt8]
        var connected: Bool
        let completed: @Sendable () -> Void
    }

    private let queue = Mutex<[Request]>([])
    /// A pipe that wakes the thread's `poll` when a request arrives.
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let started = Atomic<Bool>(false)
    /// Requests completed (the server took them) and abandoned (error or deadline): for tests.
    let delivered = Atomic<Int>(0)
    let abandoned = Atomic<Int>(0)

    private init() {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
        }
        wakeRead = descriptors[0]
        wakeWrite = descriptors[1]
    }

    /// Sends a CancelRequest with `claim()`'s answer, within `bound` nanoseconds of when the
    /// thread takes it up; `completed` runs on the canceller's thread when the server took it or
    /// it was abandoned (not when `claim` dropped it).
    func cancel(
        within bound: UInt64, claim: @escaping @Sendable () -> CancelKey?, completed: @escaping @Sendable () -> Void
    ) {
        queue.withLock { $0.append(Request(claim: claim, bound: bound, completed: completed)) }
        if !started.exchange(true, ordering: .acquiringAndReleasing) {
            let thread = WorkerThread(name: "athanor-canceller")
            thread.submit { [self] in run() }
            thread.stop()
        }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    private func run() {
        var exchanges: [Exchange] = []
        var descriptors: [pollfd] = []
        while true {
            for request in queue.withLock({ queue in defer { queue.removeAll() }; return queue }) {
                guard let key = request.claim() else { continue }
                if let exchange = start(key, deadline: monotonicNanoseconds() &+ request.bound, completed: request.completed) {
                    exchanges.append(exchange)
                } else {
                    abandoned.add(1, ordering: .relaxed)
                    request.completed()
                }
            }
            descriptors.removeAll(keepingCapacity: true)
            descriptors.append(pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0))
            for exchange in exchanges {
                let events = exchange.message.isEmpty ? POLLIN : POLLOUT
                descriptors.append(pollfd(fd: exchange.socket, events: Int16(events), revents: 0))
            }
            let now = monotonicNanoseconds()
            let nearest = exchanges.map(\.deadline).min()
            var timeout = nearest.map { Int32(clamping: ($0 > now ? $0 - now : 0) / 1_000_000 + 1) } ?? -1
            if wakeRead < 0 { timeout = timeout < 0 ? 10 : min(timeout, 10) } // no pipe: look for requests often
            _ = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if descriptors[0].revents != 0 { drainWakeups() }
            let after = monotonicNanoseconds()
            var remaining: [Exchange] = []
            for (index, var exchange) in exchanges.enumerated() {
                let events = descriptors[index + 1].revents
                switch advance(&exchange, events: events, now: after) {
                case .pending: remaining.append(exchange)
                case .delivered:
                    close(exchange.socket)
                    delivered.add(1, ordering: .relaxed)
                    exchange.completed()
                case .abandoned:
                    close(exchange.socket)
                    abandoned.add(1, ordering: .relaxed)
                    exchange.completed()
                }
            }
            exchanges = remaining
        }
    }

    private enum Progress {
        case pending
        case delivered
        case abandoned
    }

    /// Opens a nonblocking socket to the server and starts connecting.
    private func start(_ key: CancelKey, deadline: UInt64, completed: @escaping @Sendable () -> Void) -> Exchange? {
        let descriptor = Platform.nonblockingStreamSocket(family: key.family)
        guard descriptor >= 0 else { return nil }
        let status = key.address.withUnsafeBytes { bytes in
            connect(descriptor, bytes.baseAddress?.assumingMemoryBound(to: sockaddr.self), key.addressLength)
        }
        guard status == 0 || errno == EINPROGRESS || errno == EAGAIN else {
            close(descriptor)
            return nil
        }
        return Exchange(
            socket: descriptor, deadline: deadline, message: key.message, connected: status == 0, completed: completed)
    }

    /// One step: connected -> the message written -> the server's close read.
    private func advance(_ exchange: inout Exchange, events: Int16, now: UInt64) -> Progress {
        if events != 0 {
            if !exchange.message.isEmpty {
                if !exchange.connected {
                    var error: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    guard getsockopt(exchange.socket, SOL_SOCKET, SO_ERROR, &error, &length) == 0, error == 0 else {
                        return .abandoned
                    }
                    exchange.connected = true
                }
                let written = exchange.message.withUnsafeBytes { Platform.sendWithoutSignal(exchange.socket, $0) }
                if written > 0 { exchange.message.removeFirst(written) }
                else if written < 0 && errno != EAGAIN && errno != EINTR { return .abandoned }
            } else {
                var buffer = [UInt8](repeating: 0, count: 64)
                let count = recv(exchange.socket, &buffer, buffer.count, 0)
                if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) { return .delivered }
            }
        }
        return now >= exchange.deadline ? .abandoned : .pending
    }

    private func drainWakeups() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &buffer, buffer.count) > 0 {}
    }
}
