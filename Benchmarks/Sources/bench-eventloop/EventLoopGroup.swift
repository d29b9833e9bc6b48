// The event-loop pool: E loop threads sharing N connections, and the get callers await.
import FoundationEssentials
import Synchronization

/// E event-loop threads, each owning a share of N nonblocking connections (connection `k` goes
/// to loop `k % E`): the pool of the event-loop design.
///
/// A caller on one of the loops' threads (a task that prefers that loop, see
/// ``executor(forTask:)``) uses its own loop. Any other caller goes to the first loop (in index
/// order) with a free connection, so that few gets keep one loop warm rather than waking each
/// loop in turn; when none has one, it waits on the loops in round-robin order: each loop keeps
/// its own waiters, so a get never waits for a connection of another loop.
final class EventLoopGroup: Sendable {
    /// The loops; never empty.
    let loops: [EventLoop]
    private let nextLoop = Atomic<UInt>(0)

    /// Connects `connections` connections (blocking: call it off Swift's cooperative pool, or
    /// accept the short block at setup), each preparing `statement`, and starts `loopCount`
    /// loops (fewer when there are fewer connections than loops).
    init(url: String, connections: Int, loops loopCount: Int, statement: String,
         poolTimeout: Duration, queryTimeout: Duration) throws(LoopError) {
        let loopCount = max(1, min(loopCount, connections))
        var shares = [[LoopConnection]](repeating: [], count: loopCount)
        for position in 0..<connections {
            shares[position % loopCount].append(try LoopConnection.connect(url: url, statement: statement))
        }
        var loops: [EventLoop] = []
        for (index, share) in shares.enumerated() {
            loops.append(try EventLoop(index: index, connections: share, poolTimeout: poolTimeout, queryTimeout: queryTimeout))
        }
        self.loops = loops
    }

    /// Reads the row with primary key `id`: the get's result, or why it failed. Never blocks the
    /// calling thread: the caller is suspended until a loop resumes it.
    func get(_ id: UUID) async -> GetOutcome {
        let loop = chooseLoop()
        return await withUnsafeContinuation { continuation in
            loop.submit(GetRequest(id: id, continuation: continuation, enqueued: monotonicNanoseconds()))
        }
    }

    /// The loop task `task` should prefer when callers run on the loops (tasks spread evenly).
    func executor(forTask task: Int) -> EventLoop { loops[task % loops.count] }

    /// Stops every loop (each finishes its gets in flight, bounded) and closes the connections.
    func close() {
        for loop in loops { loop.stop() }
    }

    private func chooseLoop() -> EventLoop {
        if loops.count == 1 { return loops[0] }
        for loop in loops where loop.isCurrent { return loop }
        for loop in loops where loop.hasFreeConnection { return loop }
        return loops[Int(nextLoop.wrappingAdd(1, ordering: .relaxed).oldValue % UInt(loops.count))]
    }
}
