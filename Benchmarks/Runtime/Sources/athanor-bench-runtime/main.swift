// Prints, for the pool on DATABASE_URL:
//   - round trips of a one-statement `transaction` and of a one-statement `pool.execute`,
//   - 5,000 sequential `SELECT 1` through the pool, three ways (lease per statement; one lease,
//     async; one lease, blocking API on a plain thread),
//   - 10,000 W2 `users` rows inserted by `unnest`, `unnest ... RETURNING` and binary COPY (`CopyBench.swift`),
// one line per figure, `name value`, for scripts/bench-runtime to compare with pgbench.
import Athanor
import Glibc
import Logging

extension Logger {
    /// Drops everything: the benchmark measures the runtime, not its logging.
    static let silent = Logger(label: "athanor-bench-runtime", factory: { _ in SwiftLogNoOpLogHandler() })
}

func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let count = Int(environment("BENCH_COUNT") ?? "") ?? 5000
guard let text = environment("DATABASE_URL") else {
    print("error: DATABASE_URL is not set")
    exit(2)
}
let pool = try ConnectionPool(url: text, configuration: .init(size: 1, maxOverflow: 0, logger: .silent))

func roundTrips() async throws -> Int { try await pool.withConnection { $0.roundTrips } }

try await pool.execute("CREATE TEMP TABLE IF NOT EXISTS bench (n int)")
try await pool.transaction { tx in try await tx.execute("INSERT INTO bench VALUES (1)") }
var before = try await roundTrips()
try await pool.transaction { tx in try await tx.execute("INSERT INTO bench VALUES (1)") }
print("round_trips_per_transaction \(try await roundTrips() - before)")
before = try await roundTrips()
try await pool.execute("INSERT INTO bench VALUES (1)")
print("round_trips_per_pool_execute \(try await roundTrips() - before)")

let clock = ContinuousClock()
for _ in 0..<500 { _ = try await pool.query("SELECT 1", idempotent: true) }

/// User plus system CPU time of the whole process (every thread), in microseconds.
func processCPUMicroseconds() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000 + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec
}

let cpuBefore = processCPUMicroseconds()
var elapsed = try await clock.measure {
    for _ in 0..<count { _ = try await pool.query("SELECT 1", idempotent: true) }
}
print("lease_per_statement_qps \(Int(Double(count) / seconds(elapsed)))")
print("lease_per_statement_client_cpu_ns \((processCPUMicroseconds() - cpuBefore) * 1000 / count)")

elapsed = try await oneLease(pool, count: count)
print("one_lease_async_qps \(Int(Double(count) / seconds(elapsed)))")

let blocking = try await onPlainThread(pool, count: count)
print("one_lease_blocking_qps \(Int(Double(count) / seconds(blocking)))")
await pool.close()
// BENCH_LATENCY_ONLY=1: only the figures above (quick A/B runs of the lease path).
if environment("BENCH_LATENCY_ONLY") == "1" { exit(0) }

let bulk = try await bulkUpsert(
    ConnectionPool(url: text, configuration: .init(size: 1, maxOverflow: 0, logger: .silent)), count: 100_000, chunk: 10_000)
print("upsert_unnest_100k_rows_per_s \(bulk.rowsPerSecond)")
print("upsert_unnest_100k_peak_growth_over_input_x100 \(Int(bulk.growth * 100))")

let copyPool = try ConnectionPool(url: text, configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
for (name, value) in try await copyVersusUnnest(copyPool, count: 10_000, rounds: 3) { print("\(name) \(value)") }
await copyPool.close()
