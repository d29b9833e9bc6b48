import Glibc
import Synchronization

/// The proxy's own detached threads (plain pthreads, so the proxy needs nothing of Athanor nor
/// of Foundation), counted so that ``FaultProxy/stop(within:)`` can wait until every one ended.
final class ProxyThreads: Sendable {
    private let live = Atomic<Int>(0)

    /// Threads started and not yet ended.
    var count: Int { live.load(ordering: .acquiring) }

    /// Starts `body` on a new detached thread with a 512 KiB stack; false if it could not start.
    func start(_ body: @escaping @Sendable () -> Void) -> Bool {
        live.add(1, ordering: .acquiringAndReleasing)
        let box = Unmanaged.passRetained(ThreadBody { [self] in
            body()
            live.subtract(1, ordering: .acquiringAndReleasing)
        }).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 512 << 10)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { argument in
            guard let argument else { return nil }
            Unmanaged<ThreadBody>.fromOpaque(argument).takeRetainedValue().run()
            return nil
        }, box)
        pthread_attr_destroy(&attributes)
        guard status == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(box).release()
            live.subtract(1, ordering: .acquiringAndReleasing)
            return false
        }
        return true
    }

    /// Waits, in 5 ms steps, until no thread runs or `deadline` (a `CLOCK_MONOTONIC` instant in
    /// nanoseconds) passes; true when none runs.
    func waitUntilNoneRuns(deadline: UInt64) -> Bool {
        while count > 0 {
            if monotonicNanoseconds() >= deadline { return false }
            usleep(5_000)
        }
        return true
    }
}

/// The closure a new thread runs, boxed to cross `pthread_create`'s C argument.
private final class ThreadBody: Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// `CLOCK_MONOTONIC` now, in nanoseconds.
func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

extension Duration {
    /// The duration in whole nanoseconds, 0 when negative.
    var wholeNanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }
}
