// `ATHANOR_BENCH_COMPARE=1 bench-athanor --workload W5|W6`: the generated repository against the
// runtime path, interleaved in one process (blocks of calls, alternating), so that the load of
// a shared machine falls on both alike. Prints one line per path to stderr: calls per second of
// wall time and client CPU microseconds per call (the process's CPU time, every thread). A tool
// for profiling (issue 6, step 3), never run by scripts/bench.
import Athanor
import BenchModels
import BenchSupport
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#endif

/// The CPU time of the process, every thread, in seconds.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

func compare(workload: String, pool: ConnectionPool) async throws {
    let stores: [(String, any UserStore)] = [
        ("generated", GeneratedUsers(repository: UserRepository(pool))),
        ("runtime", RuntimeUsers(pool: pool, unnest: false)),
    ]
    let ids = try await seededIDs(pool)
    let rounds = 20, block = workload == "W5" ? 500 : 200
    var wall = [Double](repeating: 0, count: stores.count), cpu = wall
    for round in 0..<rounds {
        for (k, (_, store)) in stores.enumerated() {
            let clock = Stopwatch(), started = processCPUSeconds()
            for call in 0..<block {
                if workload == "W5" {
                    _ = try await store.get(ids[(round * block + call) % ids.count])
                } else {
                    _ = try await store.listByCreatedAt(limit: Sizes.w6Page)
                }
            }
            if round > 0 {  // the first round warms both up
                wall[k] += clock.seconds
                cpu[k] += processCPUSeconds() - started
            }
        }
    }
    let calls = Double((rounds - 1) * block)
    for (k, (name, _)) in stores.enumerated() {
        writeStandardError("\(workload) \(name): \(Int(calls / wall[k])) calls/s, \(Int(cpu[k] / calls * 1e6)) us CPU/call\n")
    }
}
