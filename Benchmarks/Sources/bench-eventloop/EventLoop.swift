// One event-loop thread: epoll over its share of the nonblocking connections, an eventfd to be
// woken for new work, its share of the pool (free connections and waiting gets), and, when
// tasks prefer it, the executor their code runs on.
import CLibPQEventLoop
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One event-loop thread driving many nonblocking libpq connections.
///
/// Callers hand it gets with ``submit(_:)`` from any thread. A get that finds a free connection
/// of this loop is started on it (by the caller itself when the caller runs on this loop's
/// thread, otherwise by the loop after an eventfd wakeup); otherwise it waits, first in first
/// out, for the next connection this loop frees, which the loop thread starts it on at once, with
/// no wakeup. The loop resumes each caller's continuation when the answer is complete; the
/// caller decodes the result.
///
/// The loop is also a `TaskExecutor`: a task that prefers it runs on this thread, so its gets
/// are sent without any wakeup and its continuations resume on the same thread (the event-loop
/// design of NIO). Without a preference, callers run on Swift's cooperative pool and each get
/// costs one wakeup each way at most (none on the loop's side when it is already awake).
///
/// Every wait is bounded: `epoll_wait` by ``tick``, a waiting get by the pool's timeout, a get in
/// flight by the query timeout (its connection is then taken out of service), the shutdown by
/// the query timeout.
final class EventLoop: TaskExecutor, @unchecked Sendable {
    /// What other threads share with the loop thread, under one lock.
    private struct Shared: ~Copyable {
        /// Indices of the free connections, the most recently freed last (reused first: warm).
        var free: [Int] = []
        /// Gets waiting for a connection of this loop.
        var waiters = RequestQueue()
        /// Gets another thread assigned to a free connection, for the loop thread to send.
        var starts: [(connection: Int, request: GetRequest)] = []
        /// Jobs of tasks that prefer this loop as their executor.
        var jobs: [UnownedJob] = []
        /// True while the loop thread is (about to be) in `epoll_wait` with nothing to do: the
        /// next thread that gives it work writes the eventfd and clears this.
        var sleeping = false
        /// Set by ``stop()``.
        var stopping = false
        /// Set when the thread has left its loop: jobs then go to the global executor.
        var exited = false
    }

    /// The longest `epoll_wait` sleeps, in milliseconds: how often the timeouts are checked.
    static let tick: Int32 = 100

    /// This loop's position in its group (the thread's name).
    let index: Int
    private let state = Mutex(Shared())
    /// The number of free connections, readable without the lock: where a caller goes first.
    private let freeCount = Atomic<Int>(0)
    /// The connections; only the loop thread uses them once it runs.
    private let connections: [LoopConnection]
    private let epoll: Int32
    private let wakeup: Int32
    private let poolTimeout: UInt64
    private let queryTimeout: UInt64
    private let threadID = Atomic<UInt>(0)
    private var thread = pthread_t()
    /// Gets started but not yet resumed (loop thread only).
    private var inFlight = 0
    /// Buffers reused by every turn of the loop (loop thread only).
    private var takenStarts: [(connection: Int, request: GetRequest)] = []
    private var takenJobs: [UnownedJob] = []

    /// The connections this loop starts with, at least one.
    var connectionCount: Int { connections.count }

    /// Creates the loop for `connections` (already connected, in nonblocking mode) and starts
    /// its thread.
    init(index: Int, connections: [LoopConnection], poolTimeout: Duration, queryTimeout: Duration) throws(LoopError) {
        self.index = index
        self.connections = connections
        self.poolTimeout = Self.nanoseconds(poolTimeout)
        self.queryTimeout = Self.nanoseconds(queryTimeout)
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeup = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard epoll >= 0, wakeup >= 0 else { throw .connect("epoll_create1 or eventfd failed: errno \(errno)") }
        try watch(wakeup, token: Self.wakeupToken, events: EPOLLIN.rawValue, operation: EPOLL_CTL_ADD)
        for (position, connection) in connections.enumerated() {
            try watch(connection.socket, token: UInt32(position), events: EPOLLIN.rawValue, operation: EPOLL_CTL_ADD)
        }
        state.withLock { $0.free = Array(connections.indices.reversed()) }
        freeCount.store(connections.count, ordering: .relaxed)
        takenStarts.reserveCapacity(connections.count)
        try startThread()
    }

    deinit {
        close(epoll)
        close(wakeup)
    }

    // MARK: - What callers call

    /// True on this loop's thread.
    var isCurrent: Bool { threadID.load(ordering: .acquiring) == UInt(bitPattern: Int(bitPattern: pthread_self())) }

    /// Whether a connection of this loop is free now (a hint: it may be taken before the caller
    /// gets to it, and the caller then waits here).
    var hasFreeConnection: Bool { freeCount.load(ordering: .relaxed) > 0 }

    /// Starts `request` on a free connection of this loop or queues it until one is freed.
    func submit(_ request: GetRequest) {
        if isCurrent {
            let connection = state.withLock { shared -> Int? in
                guard let connection = shared.free.popLast() else {
                    shared.waiters.append(request)
                    return nil
                }
                freeCount.store(shared.free.count, ordering: .relaxed)
                return connection
            }
            if let connection { start(request, on: connection) }
            return
        }
        let wakes = state.withLock { shared -> Bool in
            guard let connection = shared.free.popLast() else {
                shared.waiters.append(request)
                return false
            }
            freeCount.store(shared.free.count, ordering: .relaxed)
            shared.starts.append((connection, request))
            return Self.takeSleeper(&shared)
        }
        if wakes { signal() }
    }

    /// Runs a job of a task that prefers this loop, after the work already queued.
    /// After the loop has exited, the job runs on the global executor instead of being lost.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let onThread = isCurrent
        let (accepted, wakes) = state.withLock { shared -> (Bool, Bool) in
            guard !shared.exited else { return (false, false) }
            shared.jobs.append(job)
            return (true, !onThread && Self.takeSleeper(&shared))
        }
        if !accepted { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
        if wakes { signal() }
    }

    /// Lets the loop finish the gets in flight (at most the query timeout), fail the waiting
    /// ones, close its connections and exit; returns when its thread has exited.
    func stop() {
        let wakes = state.withLock { shared -> Bool in
            shared.stopping = true
            return Self.takeSleeper(&shared)
        }
        if wakes { signal() }
        pthread_join(thread, nil)
    }

    // MARK: - The loop thread

    private static let wakeupToken = UInt32.max
    private static let maximumEvents: Int32 = 128

    private func startThread() throws(LoopError) {
        let box = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<EventLoop>.fromOpaque(argument).takeRetainedValue().run()
            return nil
        }, box)
        guard created == 0 else {
            Unmanaged<EventLoop>.fromOpaque(box).release()
            throw .connect("pthread_create failed: \(created)")
        }
    }

    private func run() {
        threadID.store(UInt(bitPattern: Int(bitPattern: pthread_self())), ordering: .releasing)
        nameThread("evloop-\(index)")
        let executor = asUnownedTaskExecutor()
        var events = [epoll_event](repeating: epoll_event(), count: Int(Self.maximumEvents))
        var lastSweep = monotonicNanoseconds()
        var stopDeadline: UInt64?
        while true {
            // 1. The work other threads handed over: gets to send, jobs to run.
            let stopping = state.withLock { shared -> Bool in
                swap(&shared.starts, &takenStarts)
                swap(&shared.jobs, &takenJobs)
                return shared.stopping
            }
            for (connection, request) in takenStarts { start(request, on: connection) }
            takenStarts.removeAll(keepingCapacity: true)
            for job in takenJobs { job.runSynchronously(on: executor) }
            takenJobs.removeAll(keepingCapacity: true)

            if stopping {
                let now = monotonicNanoseconds()
                if stopDeadline == nil {
                    stopDeadline = now &+ queryTimeout
                    failWaiters(with: .poolTimeout)
                }
                if inFlight == 0 || now >= stopDeadline ?? now { break }
            }

            // 2. Wait for the sockets, unless more work came meanwhile.
            let timeout = state.withLock { shared -> Int32 in
                if !shared.starts.isEmpty || !shared.jobs.isEmpty { return 0 }
                shared.sleeping = true
                return stopping ? 10 : Self.tick
            }
            let ready = events.withUnsafeMutableBufferPointer { buffer in
                epoll_wait(epoll, buffer.baseAddress, Self.maximumEvents, timeout)
            }
            if timeout != 0 { state.withLock { $0.sleeping = false } }

            // 3. What the sockets say.
            for position in 0..<max(0, Int(ready)) {
                let event = events[position]
                let token = event.data.u32
                if token == Self.wakeupToken {
                    var count: UInt64 = 0
                    _ = read(wakeup, &count, 8)
                } else {
                    service(Int(token), events: event.events)
                }
            }

            // 4. The timeouts, at most once a tick.
            let now = monotonicNanoseconds()
            if now &- lastSweep >= UInt64(Self.tick) * 1_000_000 {
                lastSweep = now
                expireOverdue(now: now)
            }
        }
        for position in connections.indices where connections[position].request != nil {
            fail(connections[position].abandonRequest(), with: .queryTimeout)
        }
        failWaiters(with: .poolTimeout)
        let leftJobs = state.withLock { shared -> [UnownedJob] in
            shared.exited = true
            defer { shared.jobs.removeAll() }
            return shared.jobs
        }
        for job in leftJobs { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
    }

    /// Sends `request` on connection `position` (loop thread).
    private func start(_ request: GetRequest, on position: Int) {
        let connection = connections[position]
        inFlight += 1
        switch connection.start(request, now: monotonicNanoseconds()) {
        case .broken: retire(position, because: .broken(connection.errorMessage))
        case .pending, .complete: if connection.wantsWrite { watchWrites(position, true) }
        }
    }

    /// Handles the socket events of connection `position` (loop thread).
    private func service(_ position: Int, events: UInt32) {
        let connection = connections[position]
        guard connection.isUsable else { return }
        if events & EPOLLOUT.rawValue != 0 {
            if case .broken = connection.flush() { return retire(position, because: .broken(connection.errorMessage)) }
            if !connection.wantsWrite { watchWrites(position, false) }
        }
        guard events & (EPOLLIN.rawValue | EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 else { return }
        guard connection.request != nil else {
            // Input on an idle connection: a notice, or the server closing it.
            if PQconsumeInput(connection.pointer) != 1 || PQstatus(connection.pointer) != CONNECTION_OK {
                retire(position, because: .broken(connection.errorMessage))
            }
            return
        }
        switch connection.readResults() {
        case .pending: break
        case .broken: retire(position, because: .broken(connection.errorMessage))
        case .complete: complete(position)
        }
    }

    /// The get on connection `position` is answered: the connection goes to the first waiting
    /// get (started now, before the caller is resumed, so the server works meanwhile) or back
    /// to the free list; then the caller is resumed (loop thread).
    private func complete(_ position: Int) {
        guard let (request, outcome) = connections[position].takeOutcome() else { return }
        inFlight -= 1
        let next = state.withLock { shared -> GetRequest? in
            if let next = shared.waiters.popFirst() { return next }
            shared.free.append(position)
            freeCount.store(shared.free.count, ordering: .relaxed)
            return nil
        }
        if let next { start(next, on: position) }
        request.continuation.resume(returning: outcome)
    }

    /// Takes connection `position` out of service and fails its get (loop thread).
    private func retire(_ position: Int, because error: LoopError) {
        let connection = connections[position]
        _ = connection.markBroken()
        var unused = epoll_event()
        epoll_ctl(epoll, EPOLL_CTL_DEL, connection.socket, &unused)
        fail(connection.abandonRequest(), with: error)
    }

    private func fail(_ request: GetRequest?, with error: LoopError) {
        guard let request else { return }
        inFlight -= 1
        request.continuation.resume(returning: .failed(error))
    }

    private func failWaiters(with error: LoopError) {
        let waiting = state.withLock { shared in shared.waiters.removeAll() }
        for request in waiting { request.continuation.resume(returning: .failed(error)) }
    }

    /// Fails the gets that waited longer than the pool's timeout, and the gets in flight longer
    /// than the query timeout (their connections are retired: the answer may still come).
    private func expireOverdue(now: UInt64) {
        let expired = state.withLock { shared in shared.waiters.removeFirst(while: { now &- $0.enqueued >= poolTimeout }) }
        for request in expired { request.continuation.resume(returning: .failed(.poolTimeout)) }
        for position in connections.indices {
            let connection = connections[position]
            if connection.isUsable, connection.request != nil, now &- connection.sentAt >= queryTimeout {
                retire(position, because: .queryTimeout)
            }
        }
    }

    // MARK: - epoll and eventfd

    /// Clears `sleeping`, returning whether it was set: the caller must then ``signal()``.
    private static func takeSleeper(_ shared: inout Shared) -> Bool {
        guard shared.sleeping else { return false }
        shared.sleeping = false
        return true
    }

    /// Wakes the loop thread from `epoll_wait`.
    private func signal() {
        var one: UInt64 = 1
        _ = write(wakeup, &one, 8)
    }

    private func watch(_ descriptor: Int32, token: UInt32, events: UInt32, operation: Int32) throws(LoopError) {
        var event = epoll_event()
        event.events = events
        event.data.u32 = token
        guard epoll_ctl(epoll, operation, descriptor, &event) == 0 else {
            throw .connect("epoll_ctl failed: errno \(errno)")
        }
    }

    /// Adds or removes EPOLLOUT for connection `position` (loop thread).
    private func watchWrites(_ position: Int, _ writes: Bool) {
        let events = EPOLLIN.rawValue | (writes ? EPOLLOUT.rawValue : 0)
        do {
            try watch(connections[position].socket, token: UInt32(position), events: events, operation: EPOLL_CTL_MOD)
        } catch {
            retire(position, because: error)
        }
    }

    /// Names the calling thread for top and perf (Linux keeps 15 bytes).
    private func nameThread(_ name: String) {
        let file = open("/proc/thread-self/comm", O_WRONLY)
        guard file >= 0 else { return }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
        close(file)
    }

    private static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}

/// A first-in first-out queue of waiting gets (an array and a head; compacted when half is
/// consumed).
struct RequestQueue: ~Copyable {
    private var items: [GetRequest] = []
    private var head = 0

    /// Adds a get at the end.
    mutating func append(_ request: GetRequest) { items.append(request) }

    /// The oldest get, removed; nil when empty.
    mutating func popFirst() -> GetRequest? {
        guard head < items.count else { return nil }
        let first = items[head]
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1_024, head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        return first
    }

    /// Removes the leading gets matching `isExpired` (the oldest first: they expire in order).
    mutating func removeFirst(while isExpired: (GetRequest) -> Bool) -> [GetRequest] {
        var expired: [GetRequest] = []
        while head < items.count, isExpired(items[head]) {
            expired.append(items[head])
            head += 1
        }
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        }
        return expired
    }

    /// Every get, removed.
    mutating func removeAll() -> [GetRequest] {
        let all = Array(items[head...])
        items.removeAll()
        head = 0
        return all
    }
}
