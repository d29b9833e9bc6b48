/// The sequential workloads (W1, W5, W6) of the Swift systems run on two paths in one process:
/// on one leased connection (how pgbench and asyncpg run them, and how a loop of calls is written
/// when its speed matters), the workload's figure; and with a lease per call, reported as
/// `lease_per_call`. The paths alternate in blocks of calls, so that warm-up and the machine's
/// drift fall on both alike.

/// The two paths' figures.
public struct SequentialFigures: Sendable {
    /// Calls per second on one leased connection: the workload's figure.
    public var leased: Double
    /// Calls per second with a lease per call.
    public var perCall: Double
    /// Allocations (count, bytes) over the sample calls after the timed ones, per path.
    public var leasedAllocations: (count: Int, bytes: Int) = (0, 0)
    public var perCallAllocations: (count: Int, bytes: Int) = (0, 0)
}

/// The path of a block of calls.
public enum SequentialPath: Int, Sendable {
    case leased = 0
    case perCall = 1
}

/// Runs calls `0 ..< calls` on both paths, alternating blocks of `block` calls (`run(path,
/// range)` makes the calls of `range` on `path`), then, when `allocationSample` > 0, counts the
/// allocations of calls `calls ..< calls + allocationSample` on each path.
public func alternate(
    calls: Int, block: Int = 500, allocationSample: Int,
    _ run: (SequentialPath, Range<Int>) async throws -> Void
) async throws -> SequentialFigures {
    var seconds = [0.0, 0.0]
    var start = 0
    while start < calls {
        let range = start..<min(start + block, calls)
        for path in [SequentialPath.leased, .perCall] {
            let clock = Stopwatch()
            try await run(path, range)
            seconds[path.rawValue] += clock.seconds
        }
        start = range.upperBound
    }
    var figures = SequentialFigures(leased: Double(calls) / seconds[0], perCall: Double(calls) / seconds[1])
    if allocationSample > 0 {
        let sample = calls..<(calls + allocationSample)
        let (_, leasedCount, leasedBytes) = try await Allocations.count { try await run(.leased, sample) }
        let (_, perCallCount, perCallBytes) = try await Allocations.count { try await run(.perCall, sample) }
        figures.leasedAllocations = (leasedCount, leasedBytes)
        figures.perCallAllocations = (perCallCount, perCallBytes)
    }
    return figures
}

/// `allocations_per_call` and `allocated_bytes_per_call` over `calls` calls.
public func allocationFields(_ count: Int, _ bytes: Int, calls: Int) -> [(String, Field)] {
    [("allocations_per_call", .double(Double(count) / Double(calls))),
     ("allocated_bytes_per_call", .double(Double(bytes) / Double(calls)))]
}

/// The extra fields of a sequential workload: the leased path's allocations (when counted over
/// `allocationSample` calls), `lease_per_call` and its allocations.
public func sequentialFields(_ figures: SequentialFigures, allocationSample: Int) -> [(String, Field)] {
    var fields: [(String, Field)] = []
    if allocationSample > 0 {
        fields += allocationFields(figures.leasedAllocations.count, figures.leasedAllocations.bytes, calls: allocationSample)
    }
    fields.append(("lease_per_call", .double(figures.perCall)))
    if allocationSample > 0 {
        fields.append(("lease_per_call_allocations_per_call",
                       .double(Double(figures.perCallAllocations.count) / Double(allocationSample))))
    }
    return fields
}
