// The comparison: each design opened on each pool shape in turn, the points of W5, W8 and W11
// measured by BenchSupport's `concurrentGets` (the same code for every design), in rounds that
// alternate the designs, and the paired ratios at the end.
import Athanor
import BenchModels
import BenchSupport
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#endif

/// A way of making the get by id.
enum Design: Hashable, Sendable, CustomStringConvertible {
    /// Athanor today, as W8 and W11 run it: `UserRepository(pool).get(id)`, a lease per get,
    /// each get hopping to the leased connection's thread and back.
    case threadPerConnection
    /// Athanor today, as W5 runs it: `pool.withConnection { UserRepository($0).get(id) }`, the
    /// task on the connection's thread for the whole run (no hop per get). One connection only.
    case threadPerConnectionLeased
    /// As ``threadPerConnection`` with every connection kept (size + overflow as the size, no
    /// overflow), as the event loop keeps its N: whether the overflow's closes and reopens matter.
    case threadPerConnectionFixed
    /// The prototype: `loops` event-loop threads; callers on Swift's cooperative pool, or, with
    /// `callersOnLoops`, tasks that prefer the loops as their executor.
    case eventLoop(loops: Int, callersOnLoops: Bool)

    var description: String {
        switch self {
        case .threadPerConnection: "thread per connection"
        case .threadPerConnectionLeased: "thread per connection, leased"
        case .threadPerConnectionFixed: "thread per connection, no overflow"
        case .eventLoop(let loops, let onLoops): "event loop E=\(loops)" + (onLoops ? ", callers on the loops" : "")
        }
    }
}

/// A pool shape (Athanor's size + overflow; the event loop connects size + overflow up front)
/// and the points measured on it, with one pool open for all of them, as W11 runs.
struct PointGroup: Sendable {
    /// The group's name ("W11, 12 connections").
    let name: String
    let size: Int
    let maxOverflow: Int
    /// Tasks and gets of each point.
    let points: [(workload: String, tasks: Int, gets: Int)]

    var connections: Int { size + maxOverflow }

    /// The groups of W5, W8 and W11 (Sizes of BenchSupport), those of `workloads`.
    static func groups(_ workloads: [String]) -> [PointGroup] {
        var groups: [PointGroup] = []
        if workloads.contains("W5") {
            groups.append(PointGroup(name: "W5", size: 1, maxOverflow: 0, points: [("W5", 1, Sizes.w5Gets)]))
        }
        if workloads.contains("W8") {
            groups.append(PointGroup(name: "W8", size: Sizes.w8PoolSize, maxOverflow: Sizes.w8MaxOverflow,
                                     points: [("W8", Sizes.w8Tasks, Sizes.w8Tasks * Sizes.w8GetsPerTask)]))
        }
        if workloads.contains("W11") {
            for shape in Sizes.w11Pools {
                groups.append(PointGroup(name: "W11, \(shape.size + shape.maxOverflow) connections", size: shape.size,
                                         maxOverflow: shape.maxOverflow,
                                         points: Sizes.w11Tasks.map { ("W11", $0, Sizes.w11GetsPerPoint) }))
            }
        }
        return groups
    }
}

/// What one design measured at one point of one round.
struct Figures: Sendable {
    var getsPerSecond: Double
    var p50Milliseconds: Double
    var p99Milliseconds: Double
    /// The process's CPU time (every thread, `getrusage`) per get.
    var cpuMicrosecondsPerGet: Double
    /// Voluntary + involuntary context switches of the process per get.
    var switchesPerGet: Double
    var voluntarySwitchesPerGet: Double
    /// Threads of the process at the end of the point, the pool open.
    var threads: Int
    var timeouts: Int
}

/// A design opened on a pool shape: how to run gets, how to close it.
struct OpenDesign: Sendable {
    /// Runs `tasks` tasks making `perTask` gets each (BenchSupport's `concurrentGets`).
    let run: @Sendable (_ tasks: Int, _ perTask: Int) async throws -> ConcurrentGets
    /// Closes the pool, its connections and threads.
    let close: @Sendable () async -> Void
}

/// A get that found no row: every measured id is seeded, so this is a failure.
struct MissingRow: Error {}

/// Runs the comparison and prints its rows and summary.
@MainActor
struct Comparison {
    let url: String
    let designs: [Design]
    let groups: [PointGroup]
    let rounds: Int
    let maxLoad: Double
    let maxLoadWait: Double
    let ids: [UUID]

    /// A point's key in the results: "W11, 80 connections, 256 tasks".
    static func key(_ group: PointGroup, tasks: Int) -> String {
        "\(group.name), \(tasks) task\(tasks == 1 ? "" : "s")"
    }

    /// Every round, every group, every design (their order rotating by round), every point;
    /// returns the figures by point key, design, round.
    func run() async throws -> [String: [Design: [Figures]]] {
        var results: [String: [Design: [Figures]]] = [:]
        var waitBudget = maxLoadWait
        for round in 0..<rounds {
            let load = await waitForQuietMachine(budget: &waitBudget)
            writeStandardError("round \(round + 1) of \(rounds), load average \(loadAverageLine())\n")
            for group in groups {
                let eligible = designs.filter { design in
                    switch design {
                    case .threadPerConnectionLeased: group.connections == 1
                    case .threadPerConnectionFixed: group.maxOverflow > 0
                    default: true
                    }
                }
                let order = eligible.indices.map { eligible[($0 + round) % eligible.count] }
                for design in order {
                    let open = try await self.open(design, group)
                    for point in group.points {
                        let figures = try await measure(open, tasks: point.tasks, gets: point.gets)
                        let key = Self.key(group, tasks: point.tasks)
                        results[key, default: [:]][design, default: []].append(figures)
                        printRow(point.workload, key: key, design: design, round: round, load: load, figures)
                    }
                    await open.close()
                }
            }
        }
        return results
    }

    /// One point: a warm-up (which opens the connections a lazy pool opens), then the gets,
    /// with the process's usage around them.
    private func measure(_ open: OpenDesign, tasks: Int, gets: Int) async throws -> Figures {
        _ = try await open.run(tasks, max(2, 128 / tasks))
        let before = ProcessUsage()
        let run = try await open.run(tasks, gets / tasks)
        let after = ProcessUsage()
        let done = Double(max(run.done, 1))
        let voluntary = Double(after.voluntarySwitches - before.voluntarySwitches)
        let involuntary = Double(after.involuntarySwitches - before.involuntarySwitches)
        return Figures(
            getsPerSecond: run.rate, p50Milliseconds: run.latencies.milliseconds(atPercentile: 50),
            p99Milliseconds: run.latencies.milliseconds(atPercentile: 99),
            cpuMicrosecondsPerGet: (after.cpuSeconds - before.cpuSeconds) / done * 1e6,
            switchesPerGet: (voluntary + involuntary) / done, voluntarySwitchesPerGet: voluntary / done,
            threads: processStatusValue("Threads"), timeouts: run.timeouts)
    }

    /// Opens `design` on `group`'s pool shape. On the main actor: the event loop's connects
    /// block (the main thread, never Swift's cooperative pool).
    private func open(_ design: Design, _ group: PointGroup) async throws -> OpenDesign {
        let ids = self.ids
        let deadline = Sizes.w11PointSeconds
        switch design {
        case .threadPerConnection, .threadPerConnectionLeased, .threadPerConnectionFixed:
            let fixed = design == .threadPerConnectionFixed
            let pool = try ConnectionPool(url: url, configuration: PoolConfiguration(
                size: fixed ? group.connections : group.size, maxOverflow: fixed ? 0 : group.maxOverflow,
                timeout: .seconds(Sizes.w8PoolTimeoutSeconds)))
            let get = { @Sendable (repository: UserRepository, index: Int) async throws -> Bool in
                do {
                    _ = try await repository.get(ids[index % ids.count])
                    return true
                } catch AthanorError.poolTimeout {
                    return false
                }
            }
            let run: @Sendable (Int, Int) async throws -> ConcurrentGets
            if design == .threadPerConnectionLeased {
                run = { tasks, perTask in
                    try await pool.withConnection { connection in
                        let repository = UserRepository(connection)
                        return try await concurrentGets(tasks: tasks, perTask: perTask, deadline: deadline) {
                            try await get(repository, $0)
                        }
                    }
                }
            } else {
                let repository = UserRepository(pool)
                run = { tasks, perTask in
                    try await concurrentGets(tasks: tasks, perTask: perTask, deadline: deadline) { try await get(repository, $0) }
                }
            }
            return OpenDesign(run: run, close: { await pool.close() })
        case .eventLoop(let loops, let callersOnLoops):
            let group = try EventLoopGroup(
                url: url, connections: group.connections, loops: loops, statement: UserGet.statement,
                poolTimeout: .seconds(Sizes.w8PoolTimeoutSeconds), queryTimeout: .seconds(30))
            let executor: (@Sendable (Int) -> (any TaskExecutor)?)? = callersOnLoops ? { @Sendable task in group.executor(forTask: task) } : nil
            let run: @Sendable (Int, Int) async throws -> ConcurrentGets = { tasks, perTask in
                try await concurrentGets(tasks: tasks, perTask: perTask, deadline: deadline, executor: executor) { index in
                    do {
                        guard try await group.user(ids[index % ids.count]) != nil else { throw MissingRow() }
                        return true
                    } catch LoopError.poolTimeout {
                        return false
                    }
                }
            }
            return OpenDesign(run: run, close: { @MainActor in group.close() })
        }
    }

    /// Waits, checking every 15 s, until the 1-minute load average is below `maxLoad` (this
    /// process's own rounds count too: the wait lets them decay) or the run's `budget` of waiting
    /// (`maxLoadWait` seconds in all) is spent; returns the load the round starts at.
    private func waitForQuietMachine(budget: inout Double) async -> Double {
        var load = loadAverage()
        while load > maxLoad, budget > 0 {
            writeStandardError("load average \(load) above \(maxLoad): waiting (\(Int(budget)) s of waiting left)\n")
            try? await Task.sleep(for: .seconds(15))
            budget -= 15
            load = loadAverage()
        }
        return load
    }

    private func printRow(_ workload: String, key: String, design: Design, round: Int, load: Double, _ figures: Figures) {
        emit(workload, system: "\(design)", value: figures.getsPerSecond, method: "bench-eventloop", [
            ("point", .string(key)), ("round", .int(round + 1)), ("load", .double(load)),
            ("p50_ms", .double(figures.p50Milliseconds)), ("p99_ms", .double(figures.p99Milliseconds)),
            ("cpu_us_per_get", .double(figures.cpuMicrosecondsPerGet)),
            ("context_switches_per_get", .double(figures.switchesPerGet)),
            ("voluntary_switches_per_get", .double(figures.voluntarySwitchesPerGet)),
            ("threads", .int(figures.threads)), ("timeouts", .int(figures.timeouts)),
        ])
    }
}

/// The summary: per point, each design's medians and its paired ratios (median over the rounds
/// of design / baseline in the same round) for throughput and p99.
func summary(_ results: [String: [Design: [Figures]]], order: [String], designs: [Design]) -> String {
    var lines: [String] = []
    for key in order {
        guard let byDesign = results[key] else { continue }
        let baselines: [Design] = byDesign[.threadPerConnectionLeased] != nil
            ? [.threadPerConnection, .threadPerConnectionLeased] : [.threadPerConnection]
        for baseline in baselines {
            guard let base = byDesign[baseline] else { continue }
            lines.append("")
            lines.append("\(key) (ratios: design / \(baseline), paired medians of \(base.count) rounds)")
            lines.append("")
            lines.append("| design | gets/s | throughput ratio | p50 ms | p99 ms | p99 ratio | CPU µs/get | context switches/get | threads |")
            lines.append("|---|---|---|---|---|---|---|---|---|")
            for design in designs {
                guard let figures = byDesign[design] else { continue }
                let pairs = zip(figures, base)
                let rate = median(pairs.map { $0.getsPerSecond / $1.getsPerSecond })
                let p99 = median(pairs.map { $0.p99Milliseconds / $1.p99Milliseconds })
                lines.append("| \(design) | \(format(median(figures.map(\.getsPerSecond)), 0)) | \(format(rate, 2))x | "
                    + "\(format(median(figures.map(\.p50Milliseconds)), 3)) | \(format(median(figures.map(\.p99Milliseconds)), 3)) | "
                    + "\(format(p99, 2))x | \(format(median(figures.map(\.cpuMicrosecondsPerGet)), 1)) | "
                    + "\(format(median(figures.map(\.switchesPerGet)), 2)) | \(format(median(figures.map { Double($0.threads) }), 0)) |")
            }
        }
    }
    return lines.joined(separator: "\n")
}

/// The median of `values` (the mean of the middle two for an even count); NaN when empty.
func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// `value` with `digits` decimals.
func format(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "-" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    guard digits > 0 else { return String(Int(rounded)) }
    var text = String(rounded)
    let decimals = text.split(separator: ".").last.map(\.count) ?? 0
    if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
    return text
}

/// The 1-minute load average (/proc/loadavg), 0 when unreadable.
func loadAverage() -> Double {
    Double(loadAverageLine().split(separator: " ").first ?? "") ?? 0
}

/// /proc/loadavg as written there, without the newline.
func loadAverageLine() -> String {
    guard let file = fopen("/proc/loadavg", "r") else { return "" }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 128)
    guard fgets(&line, Int32(line.count), file) != nil else { return "" }
    return String(decoding: line.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
