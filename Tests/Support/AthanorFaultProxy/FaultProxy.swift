import Glibc
import Synchronization

/// A TCP proxy on 127.0.0.1 that forwards to a local server and injects network faults on
/// demand: delay, stall, cut, and cut on a client message. For tests and the soak; it uses
/// nothing of Athanor, so a release-built executable can use it too.
///
/// ```swift
/// let proxy = try FaultProxy(targetPort: 5432)      // listens on 127.0.0.1:proxy.port
/// defer { proxy.stop() }
/// proxy.delayEachChunk(by: .milliseconds(50))       // latency, both ways
/// proxy.stall(); ...; proxy.resume()                // nothing moves, sockets stay open
/// proxy.cutAll()                                    // every connection closed, both sides
/// proxy.cut(when: .simpleQuery(containing: "COMMIT"))   // once, after COMMIT went to the server
/// ```
/// Each connection has two threads, one per direction; they poll in short steps, so every
/// thread ends soon after ``stop(within:)``.
public final class FaultProxy: Sendable {
    /// The port the proxy listens on (127.0.0.1).
    public let port: Int
    /// The port it forwards to (127.0.0.1).
    public let targetPort: Int

    let listener: Int32
    let threads = ProxyThreads()
    let stopping = Atomic<Bool>(false)
    let stalled = Atomic<Bool>(false)
    let delayNanoseconds = Atomic<UInt64>(0)
    let registry = Mutex(Registry())
    let armed = Atomic<Bool>(false)
    let rule = Mutex<CutRule?>(nil)
    let accepted = Atomic<Int>(0)
    let refused = Atomic<Int>(0)
    let cutCount = Atomic<Int>(0)

    /// The open connections, by id. A connection's sockets are shut down and closed only under
    /// this lock, so no descriptor is touched after it was closed (and perhaps reused).
    struct Registry {
        var connections: [Int: ProxiedConnection] = [:]
        var nextID = 0
    }

    /// The armed cut: its pattern, its timing and how many more cuts it makes.
    struct CutRule {
        var pattern: CutPattern
        var timing: CutTiming
        var remaining: Int
    }

    /// Starts listening on 127.0.0.1 (a free port) and forwarding to 127.0.0.1:`targetPort`.
    public init(targetPort: Int) throws(FaultProxyError) {
        let (descriptor, port) = try LoopbackSocket.listen()
        self.listener = descriptor
        self.port = port
        self.targetPort = targetPort
        guard threads.start({ [self] in acceptLoop() }) else {
            close(descriptor)
            throw .thread
        }
    }

    /// Adds `delay` before each chunk is forwarded, in both directions; `.zero` removes it.
    public func delayEachChunk(by delay: Duration) {
        delayNanoseconds.store(delay.wholeNanoseconds, ordering: .releasing)
    }

    /// Stops forwarding in both directions, on every connection (new ones included); the
    /// sockets stay open, and bytes wait in the kernel's buffers until ``resume()``.
    public func stall() {
        stalled.store(true, ordering: .releasing)
    }

    /// Forwards again after ``stall()``.
    public func resume() {
        stalled.store(false, ordering: .releasing)
    }

    /// Whether the proxy is stalled.
    public var isStalled: Bool { stalled.load(ordering: .acquiring) }

    /// Cuts every open connection now (both sides closed) and returns how many it cut.
    @discardableResult
    public func cutAll() -> Int {
        let count = registry.withLock { registry in
            for connection in registry.connections.values { connection.sever() }
            return registry.connections.count
        }
        cutCount.add(count, ordering: .relaxed)
        return count
    }

    /// Arms a cut: the next `times` client chunks that `pattern` matches each cut their
    /// connection, after or before being forwarded. Replaces any cut armed before.
    public func cut(when pattern: CutPattern, _ timing: CutTiming = .afterForwarding, times: Int = 1) {
        rule.withLock { $0 = times > 0 ? CutRule(pattern: pattern, timing: timing, remaining: times) : nil }
        armed.store(times > 0, ordering: .releasing)
    }

    /// Disarms the cut armed by ``cut(when:_:times:)``, if any is left.
    public func disarm() {
        rule.withLock { $0 = nil }
        armed.store(false, ordering: .releasing)
    }

    /// Whether a cut is armed and has cuts left.
    public var isArmed: Bool { armed.load(ordering: .acquiring) }

    /// A snapshot of the counters.
    public var counters: FaultProxyCounters {
        FaultProxyCounters(
            accepted: accepted.load(ordering: .relaxed),
            open: registry.withLock { $0.connections.count },
            cuts: cutCount.load(ordering: .relaxed),
            refused: refused.load(ordering: .relaxed),
            threads: threads.count)
    }

    /// Stops accepting, closes every connection and waits up to `bound` for every thread of the
    /// proxy to end; true when they all did. Calling it again does no harm.
    @discardableResult
    public func stop(within bound: Duration = .seconds(2)) -> Bool {
        stopping.store(true, ordering: .releasing)
        registry.withLock { registry in
            for connection in registry.connections.values { connection.sever() }
        }
        return threads.waitUntilNoneRuns(deadline: monotonicNanoseconds() + bound.wholeNanoseconds)
    }
}
