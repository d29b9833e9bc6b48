// The concurrent gets of W8 and W11, the same in both Swift systems: `tasks` tasks each making
// `perTask` gets, one latency per get into an HdrHistogram, and, for W11's sweep, what the
// process pays for them (threads, resident memory, context switches, CPU).
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#endif

/// What a run of concurrent gets measured.
public struct ConcurrentGets: Sendable {
    /// Latencies of the gets that completed.
    public var latencies = Latencies()
    /// Gets that completed.
    public var done = 0
    /// Gets that gave up waiting for a connection (the pool's timeout).
    public var timeouts = 0
    /// Wall time of the whole run, from the first task's start to the last task's end.
    public var seconds = 0.0

    /// Completed gets per second.
    public var rate: Double { Double(done) / seconds }
}

/// Runs `tasks` tasks, task `t` calling `get(t * perTask + k)` for `k` in `0 ..< perTask`;
/// `get` returns false when the get gave up on a pool timeout. With a `deadline` (seconds),
/// the tasks start no get after it: a run of a loaded machine stays bounded in time. With an
/// `executor`, task `t` prefers `executor(t)` (bench-eventloop's callers on the loop threads).
public func concurrentGets(
    tasks: Int, perTask: Int, deadline: Double? = nil, executor: (@Sendable (_ task: Int) -> (any TaskExecutor)?)? = nil,
    _ get: @escaping @Sendable (_ index: Int) async throws -> Bool
) async throws -> ConcurrentGets {
    let clock = Stopwatch()
    let perTaskResults = try await withThrowingTaskGroup(of: ([UInt64], Int).self) { group in
        for t in 0..<tasks {
            let task: @Sendable () async throws -> ([UInt64], Int) = {
                var latencies: [UInt64] = []
                latencies.reserveCapacity(perTask)
                var timeouts = 0
                for k in 0..<perTask {
                    if let deadline, clock.seconds > deadline { break }
                    let started = Stopwatch()
                    if try await get(t * perTask + k) {
                        latencies.append(started.microseconds)
                    } else {
                        timeouts += 1
                    }
                }
                return (latencies, timeouts)
            }
            // `addTask(executorPreference: nil)` does not inherit the caller's preference (Swift
            // 6.3, measured): a task inside `pool.withConnection` must use the plain `addTask`.
            if let preferred = executor?(t) {
                group.addTask(executorPreference: preferred, operation: task)
            } else {
                group.addTask(operation: task)
            }
        }
        return try await group.reduce(into: [([UInt64], Int)]()) { $0.append($1) }
    }
    var result = ConcurrentGets()
    result.seconds = clock.seconds
    for (latencies, timeouts) in perTaskResults {
        for latency in latencies { result.latencies.record(microseconds: latency) }
        result.done += latencies.count
        result.timeouts += timeouts
    }
    return result
}

/// A snapshot of what the process has used so far (every thread): CPU time and context switches
/// from `getrusage(RUSAGE_SELF)`, threads and resident memory from /proc/self/status.
public struct ProcessUsage: Sendable {
    public var cpuSeconds: Double
    public var voluntarySwitches: Int
    public var involuntarySwitches: Int

    public init() {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        cpuSeconds = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
        voluntarySwitches = Int(usage.ru_nvcsw)
        involuntarySwitches = Int(usage.ru_nivcsw)
    }
}

/// W11's row for one point of the sweep: the rate, p50/p99, timeouts, and the process's threads
/// (at the end of the point, the pool still open), resident memory (now and the peak during the
/// point: call `resetPeakResidentMemory()` before it), context switches per second (voluntary +
/// involuntary, all threads) and client CPU per get.
public func emitSweepPoint(
    system: String, pool: (size: Int, maxOverflow: Int), tasks: Int, _ run: ConcurrentGets,
    since before: ProcessUsage, method: String
) {
    let after = ProcessUsage()
    let voluntary = Double(after.voluntarySwitches - before.voluntarySwitches) / run.seconds
    let involuntary = Double(after.involuntarySwitches - before.involuntarySwitches) / run.seconds
    emit("W11", system: system, value: run.rate, method: method, [
        ("point", .string("pool \(pool.size)+\(pool.maxOverflow), \(tasks) task\(tasks == 1 ? "" : "s")")),
        ("pool", .string("\(pool.size)+\(pool.maxOverflow)")), ("tasks", .int(tasks)),
        ("gets", .int(run.done)), ("seconds", .double(run.seconds)),
        ("p50_ms", .double(run.latencies.milliseconds(atPercentile: 50))),
        ("p99_ms", .double(run.latencies.milliseconds(atPercentile: 99))),
        ("timeouts", .int(run.timeouts)),
        ("threads", .int(processStatusValue("Threads"))),
        ("rss_bytes", .int(processStatusBytes("VmRSS"))), ("peak_rss_bytes", .int(processStatusBytes("VmHWM"))),
        ("context_switches_per_s", .double(voluntary + involuntary)),
        ("voluntary_switches_per_s", .double(voluntary)), ("involuntary_switches_per_s", .double(involuntary)),
        ("client_cpu_us_per_get", .double((after.cpuSeconds - before.cpuSeconds) / Double(max(run.done, 1)) * 1e6)),
    ])
}
