#if os(Linux)
import CLibPQ
import Glibc
import Synchronization

/// One thread that waits, with `epoll`, on the sockets of the connections whose statements were
/// sent from a task (``ConnectionPool``'s single statements): the task suspends, and this thread
/// resumes it when its socket is ready or its wait's bound passes. A statement then costs no
/// hop to its connection's thread and back, only this thread's wakeup when the answer arrives
/// (the event-loop design measured in `Benchmarks/results/notes.md`, "Event loop vs thread per
/// connection": fewer threads and context switches under concurrency).
///
/// A waiting task registers its socket itself (`epoll_ctl` with `EPOLLONESHOT`, from its own
/// thread); the loop thread is woken through an `eventfd` only when the new wait ends before the
/// loop would next look at the clock. Waits are short by construction: each ends by the call's
/// next bound to check (its query deadline, or within ``Connection/cancelCheckInterval``).
///
/// Linux only; elsewhere ``shared`` is nil and statements run on their connection's thread.
final class EventLoop: @unchecked Sendable {
    /// The process's loop, its thread started with the first use; nil when the system refused
    /// an `epoll` set, an `eventfd` or a thread (statements then run on their connection's thread).
    static let shared: EventLoop? = EventLoop()

    private struct Waiter {
        let continuation: UnsafeContinuation<Bool, Never>
        let until: UInt64
        /// The connection whose answer the loop reads as it arrives, resuming the task only once
        /// a whole result is in libpq's buffer (a large result comes in several reads); nil
        /// for a wait for writing.
        let reading: PGConnection?
        let events: UInt32
    }

    private struct State {
        /// The suspended tasks, by socket (one lease, hence one waiter, per connection).
        var waiters: [Int32: Waiter] = [:]
        /// When the loop thread looks at the clock next (nanoseconds); 0 while it is not asleep.
        var wakesAt: UInt64 = 0
    }

    private let state = Mutex(State())
    /// How many waits began: for tests, which check that a pool's statement took this path.
    let waits = Atomic<Int>(0)
    private let epoll: Int32
    private let wakeup: Int32

    private init?() {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeup = eventfd(0, Int32(EFD_CLOEXEC) | Int32(EFD_NONBLOCK))
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.fd = wakeup
        guard epoll >= 0, wakeup >= 0, epoll_ctl(epoll, EPOLL_CTL_ADD, wakeup, &event) == 0 else {
            if epoll >= 0 { close(epoll) }
            if wakeup >= 0 { close(wakeup) }
            return nil
        }
        let thread = WorkerThread(name: "athanor-loop")
        thread.submit { [self] in run() }
        thread.stop()
    }

    /// Suspends the calling task until `socket` is readable (or writable too, with `writable`),
    /// shows an error, or `until` (monotonic nanoseconds) passes: true when the socket is ready.
    /// A `true` may be early (a readiness left from an earlier wait on the same socket): the
    /// caller reads what is there and waits again if it needs more, as with `poll`.
    func wait(socket: Int32, writable: Bool, until: UInt64) async -> Bool {
        await wait(socket: socket, events: writable ? EPOLLIN.rawValue | EPOLLOUT.rawValue : EPOLLIN.rawValue,
                   until: until, reading: nil)
    }

    /// Suspends the calling task until `connection`'s next result is whole in libpq's buffer
    /// (the loop thread reads the socket as data arrives, `PQconsumeInput`, while the task
    /// waits), the connection fails, or `until` passes: true unless the bound passed. The
    /// caller then finds the result with `PQisBusy` false, or, still busy, a failed read that
    /// its own `PQconsumeInput` reports.
    func waitForResult(of connection: PGConnection, until: UInt64) async -> Bool {
        await wait(socket: connection.socket, events: EPOLLIN.rawValue, until: until, reading: connection)
    }

    private func wait(socket: Int32, events: UInt32, until: UInt64, reading: PGConnection?) async -> Bool {
        waits.add(1, ordering: .relaxed)
        return await withUnsafeContinuation { continuation in
            let wakesLoop = state.withLock { state -> Bool in
                state.waiters[socket] = Waiter(continuation: continuation, until: until, reading: reading, events: events)
                return until < state.wakesAt
            }
            guard arm(socket, events: events) else {
                // The socket cannot be watched (closed under the caller): let libpq say what it is.
                let refused = state.withLock { $0.waiters.removeValue(forKey: socket) }
                refused?.continuation.resume(returning: true)
                return
            }
            if wakesLoop { _ = eventfd_write(wakeup, 1) }
        }
    }

    /// Watches `socket` for one readiness of `events`.
    private func arm(_ socket: Int32, events: UInt32) -> Bool {
        var event = epoll_event()
        event.events = events | EPOLLONESHOT.rawValue
        event.data.fd = socket
        return epoll_ctl(epoll, EPOLL_CTL_MOD, socket, &event) == 0
            || errno == ENOENT && epoll_ctl(epoll, EPOLL_CTL_ADD, socket, &event) == 0
    }

    /// For a waiter reading a result: reads what the socket has; true when the result is still
    /// incomplete and the read went well (keep waiting).
    private static func readsOn(_ connection: PGConnection) -> Bool {
        while true {
            guard connection.consumeInput(), connection.isBusy else { return false }
            // TLS: libpq reads one record at a time, and decrypted bytes do not show on the socket.
            guard connection.hasDecryptedInput else { return true }
        }
    }

    private func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 64)
        var resumed: [(UnsafeContinuation<Bool, Never>, Bool)] = []
        var ready: [(Int32, Waiter)] = []
        while true {
            let now = monotonicNanoseconds()
            let wakesAt = state.withLock { state -> UInt64 in
                var earliest = UInt64.max
                for (socket, waiter) in state.waiters {
                    if waiter.until <= now {
                        state.waiters[socket] = nil
                        resumed.append((waiter.continuation, false))
                    } else {
                        earliest = min(earliest, waiter.until)
                    }
                }
                state.wakesAt = resumed.isEmpty ? earliest : 0
                return state.wakesAt
            }
            if !resumed.isEmpty {
                for (continuation, ready) in resumed { continuation.resume(returning: ready) }
                resumed.removeAll(keepingCapacity: true)
                continue
            }
            let timeout = wakesAt == .max ? -1 : Int32(clamping: (wakesAt - now + 999_999) / 1_000_000)
            let count = events.withUnsafeMutableBufferPointer { events in
                epoll_wait(epoll, events.baseAddress, Int32(events.count), timeout)
            }
            state.withLock { state in
                state.wakesAt = 0
                for index in 0..<max(Int(count), 0) {
                    let socket = events[index].data.fd
                    guard socket != wakeup, let waiter = state.waiters.removeValue(forKey: socket) else { continue }
                    ready.append((socket, waiter))
                }
            }
            // Outside the lock: a reading waiter's socket is read here, and the task resumed only
            // once its result is whole (or the read failed).
            for (socket, waiter) in ready {
                if let connection = waiter.reading, Self.readsOn(connection) {
                    state.withLock { $0.waiters[socket] = waiter }
                    if arm(socket, events: waiter.events) { continue }
                    _ = state.withLock { $0.waiters.removeValue(forKey: socket) }
                }
                resumed.append((waiter.continuation, true))
            }
            ready.removeAll(keepingCapacity: true)
            if count > 0, events[0..<Int(count)].contains(where: { $0.data.fd == wakeup }) {
                var value: eventfd_t = 0
                _ = eventfd_read(wakeup, &value)
            }
            for (continuation, ready) in resumed { continuation.resume(returning: ready) }
            resumed.removeAll(keepingCapacity: true)
        }
    }
}
#else
/// The event loop is Linux's (`epoll`); elsewhere statements run on their connection's thread.
final class EventLoop: Sendable {
    static let shared: EventLoop? = nil

    func wait(socket: Int32, writable: Bool, until: UInt64) async -> Bool { true }

    func waitForResult(of connection: PGConnection, until: UInt64) async -> Bool { true }
}
#endif
