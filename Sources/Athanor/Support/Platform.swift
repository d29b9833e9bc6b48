#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#else
#error("Athanor's runtime needs Glibc (Linux) or Darwin (macOS)")
#endif

/// The runtime's calls that differ between Linux and macOS, in one place: threads, their names,
/// the monotonic clock, timed condition waits and the processor count. Everything else the runtime
/// calls (`poll`, `read`, `write`, `close`, `errno`) is POSIX and the same on both.
///
/// The Glibc branch is the one built and tested (Linux, x86_64 and arm64); the Darwin branch
/// follows Apple's documented APIs but has never been compiled here (see the README).
enum Platform {
    /// Monotonic time in nanoseconds (`CLOCK_MONOTONIC`; on Darwin the same clock id, which
    /// does not advance while the machine sleeps, as on Linux).
    static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Sleeps the calling thread, resuming after a signal until the time has passed.
    static func sleep(nanoseconds: UInt64) {
        var time = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&time, &remaining) != 0 && errno == EINTR { time = remaining }
    }

    /// Processors online, at least 1.
    static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Lets another thread run.
    static func yieldThread() { _ = sched_yield() }

    /// The calling thread's identity, comparable between threads.
    static func currentThreadID() -> UInt {
        #if canImport(Darwin)
        UInt(bitPattern: pthread_self())
        #else
        UInt(pthread_self())
        #endif
    }

    /// Starts a detached thread with a 1 MiB stack running `body` once with `argument`; false if
    /// the system refused (the argument is then the caller's to release).
    static func startDetachedThread(
        _ argument: UnsafeMutableRawPointer, body: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?
    ) -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 1 << 20)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        #if canImport(Darwin)
        var thread: pthread_t?
        return pthread_create(&thread, &attributes, body, argument) == 0
        #else
        var thread = pthread_t()
        return pthread_create(&thread, &attributes, body, argument) == 0
        #endif
    }

    /// Names the calling thread for top, perf and debuggers. Linux keeps 15 bytes and is written
    /// through `/proc/thread-self/comm` (`pthread_setname_np` is not visible to Swift's Glibc
    /// module); Darwin names only the calling thread, with `pthread_setname_np(name)`.
    static func nameCurrentThread(_ name: String) {
        #if canImport(Darwin)
        _ = pthread_setname_np(name)
        #else
        let file = open("/proc/thread-self/comm", O_WRONLY)
        guard file >= 0 else { return }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
        close(file)
        #endif
    }

    /// Initializes `condition` for ``timedWait(_:_:untilMonotonicNanoseconds:)``: on Linux its
    /// timed waits take `CLOCK_MONOTONIC` deadlines; Darwin has no such attribute, and its waits
    /// are relative instead.
    static func initializeCondition(_ condition: UnsafeMutablePointer<pthread_cond_t>) {
        #if canImport(Darwin)
        pthread_cond_init(condition, nil)
        #else
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
        #endif
    }

    /// Waits on `condition` (with `mutex` held) until signalled or the monotonic `deadline`
    /// passes; false on timeout.
    static func timedWait(
        _ condition: UnsafeMutablePointer<pthread_cond_t>, _ mutex: UnsafeMutablePointer<pthread_mutex_t>,
        untilMonotonicNanoseconds deadline: UInt64
    ) -> Bool {
        #if canImport(Darwin)
        let now = monotonicNanoseconds()
        let left = deadline > now ? deadline - now : 0
        var time = timespec(tv_sec: Int(left / 1_000_000_000), tv_nsec: Int(left % 1_000_000_000))
        return pthread_cond_timedwait_relative_np(condition, mutex, &time) == 0
        #else
        var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        return pthread_cond_timedwait(condition, mutex, &time) == 0
        #endif
    }

    /// A nonblocking, close-on-exec stream socket of `family`, or -1. On Darwin, where sockets
    /// take no such flags at creation, they are set after it, with `SO_NOSIGPIPE`.
    static func nonblockingStreamSocket(family: Int32) -> Int32 {
        #if canImport(Darwin)
        let descriptor = socket(family, SOCK_STREAM, 0)
        guard descriptor >= 0 else { return -1 }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        var on: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        return descriptor
        #else
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        return socket(family, type, 0)
        #endif
    }

    /// `send` that never raises SIGPIPE on a closed peer (`MSG_NOSIGNAL` on Linux; on Darwin the
    /// socket's `SO_NOSIGPIPE`, set by ``nonblockingStreamSocket(family:)``).
    static func sendWithoutSignal(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        #if canImport(Darwin)
        send(descriptor, bytes.baseAddress, bytes.count, 0)
        #else
        send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
        #endif
    }
}
