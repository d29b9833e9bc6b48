// bench-athanor: Athanor's side of the benchmarks (issue 6). One workload per run, JSON rows on
// stdout; see BenchSupport for the contract and Users.swift for the generated UserRepository
// (and the runtime path kept for comparison).
import Athanor
import BenchModels
import BenchSupport
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#endif

let system = "athanor"
let arguments = Arguments.parse(system: system)
let workload = arguments.workload

/// Allocations per call are counted on this many extra calls after the timed loop.
let allocationSample = 200

func makePool(size: Int = 1, maxOverflow: Int = 0, retry: RetryPolicy = .default) throws -> ConnectionPool {
    try ConnectionPool(url: arguments.url, configuration: PoolConfiguration(
        size: size, maxOverflow: maxOverflow, timeout: .seconds(Sizes.w8PoolTimeoutSeconds), retry: retry))
}

/// The seeded ids in the order every system walks them (not timed).
func seededIDs(_ pool: ConnectionPool) async throws -> [UUID] {
    try await pool.query("SELECT id FROM users ORDER BY created_at", idempotent: true).map { try $0.decode(UUID.self, at: 0) }
}

/// W1, W5, W6 on their two paths (BenchSupport's `alternate`): one leased connection,
/// `pool.withConnection { UserRepository($0) }` (one lease per block), and a lease per call,
/// `UserRepository(pool)`. `call(users, path, index)` makes call `index` of `path`.
func sequential(
    _ pool: ConnectionPool, calls: Int, allocationSample: Int,
    _ call: (GeneratedUsers, SequentialPath, _ index: Int) async throws -> Void
) async throws -> SequentialFigures {
    let perCallUsers = GeneratedUsers(repository: UserRepository(pool))
    return try await alternate(calls: calls, allocationSample: allocationSample) { path, range in
        guard path == .leased else {
            for index in range { try await call(perCallUsers, .perCall, index) }
            return
        }
        try await pool.withConnection { connection in
            let users = GeneratedUsers(repository: UserRepository(connection))
            for index in range { try await call(users, .leased, index) }
        }
    }
}

let sequentialMethod = "on one leased connection (pool.withConnection, UserRepository(connection)), alternating in blocks of 500 "
    + "calls with a lease per call (UserRepository(pool), lease_per_call); generated UserRepository"

func w1() async throws {
    let pool = try makePool()
    let total = Sizes.w1Creates + allocationSample
    let users = GeneratedUsers(repository: UserRepository(pool))
    let rows = [emailPrefix(of: "W1"), "w1p-"].map { prefix in (0..<total).map { users.value(makeRow(prefix: prefix, $0)) } }
    let figures = try await sequential(pool, calls: Sizes.w1Creates, allocationSample: allocationSample) { users, path, index in
        try await users.create(rows[path.rawValue][index])
    }
    emit("W1", system: system, value: figures.leased, method: "create, each its own commit, " + sequentialMethod,
         sequentialFields(figures, allocationSample: allocationSample))
    await pool.close()
}

func w2() async throws {
    let pool = try makePool()
    try await w2(makeUserStore(pool: pool), pool: pool)
    await pool.close()
}

/// W2's figure is `copyMany` (binary COPY, returns the count: the peers' COPY returns nothing
/// either); `createMany` (which returns the 10,000 stored rows) is measured after it, on an
/// emptied table, as the extra field `create_many_rows_per_s`.
func w2(_ users: some UserStore, pool: ConnectionPool) async throws {
    let rows = makeRows("W2", count: Sizes.w2Rows, as: users.value)
    let clock = Stopwatch()
    let copied = try await users.copyMany(rows)
    let rate = Double(rows.count) / clock.seconds
    guard copied == rows.count else { fail("W2: \(copied) rows copied") }
    try await pool.execute("TRUNCATE users CASCADE")  // the state the harness gives every system (W12 adds orders)
    let again = makeRows("W2", count: Sizes.w2Rows, as: users.value)
    let createClock = Stopwatch()
    let stored = try await users.createMany(again)
    let createRate = Double(again.count) / createClock.seconds
    guard stored == again.count else { fail("W2: \(stored) rows returned") }
    emit("W2", system: system, value: rate, method: "copyMany (binary COPY, in a transaction); generated UserRepository",
         [("create_many_rows_per_s", .double(createRate))])
}

func bulkUpsert(_ workload: String, count: Int) async throws {
    let pool = try makePool()
    _ = try await pool.query("SELECT 1", idempotent: true)  // connect before measuring
    try await bulkUpsert(workload, count: count, makeUserStore(pool: pool))
    await pool.close()
}

/// The input is built as the store's values (`User`s) inside the memory window of `input_bytes`.
func bulkUpsert(_ workload: String, count: Int, _ users: some UserStore) async throws {
    resetPeakResidentMemory()
    let before = processStatusBytes("VmRSS")
    let rows = makeRows(workload, count: count, as: users.value)
    let afterInput = processStatusBytes("VmRSS")
    resetPeakResidentMemory()
    let clock = Stopwatch()
    let stored = try await users.upsertManyMatchingEmail(rows)
    let rate = Double(count) / clock.seconds
    let peak = processStatusBytes("VmHWM")
    guard stored == count else { fail("\(workload): \(stored) rows returned") }
    var extras: [(String, Field)] = []
    if workload == "W9" {
        extras = [("peak_rss_bytes", .int(peak)), ("input_bytes", .int(afterInput - before)),
                  ("call_growth_bytes", .int(peak - afterInput))]
    }
    emit(workload, system: system, value: rate, method: "upsertMany(matching: .email); " + users.method, extras)
    withExtendedLifetime(rows) {}
}

func w5() async throws {
    let pool = try makePool()
    let ids = try await seededIDs(pool)
    let figures = try await sequential(pool, calls: Sizes.w5Gets, allocationSample: allocationSample) { users, _, index in
        guard try await users.get(ids[index % ids.count]) else { fail("W5: no row") }
    }
    emit("W5", system: system, value: figures.leased, method: "get(id) " + sequentialMethod,
         sequentialFields(figures, allocationSample: allocationSample))
    await pool.close()
}

func w6() async throws {
    let pool = try makePool()
    let figures = try await sequential(pool, calls: Sizes.w6Lists, allocationSample: 0) { users, _, _ in
        guard try await users.listByCreatedAt(limit: Sizes.w6Page) == Sizes.w6Page else { fail("W6: short page") }
    }
    emit("W6", system: system, value: figures.leased, method: "list(orderBy: createdAt, limit: 50) " + sequentialMethod,
         sequentialFields(figures, allocationSample: 0))
    await pool.close()
}

func w7() async throws {
    let policy = RetryPolicy(maxAttempts: W7Backoff.maxAttempts, baseDelay: W7Backoff.base, maxDelay: W7Backoff.cap)
    let pool = try makePool(size: Sizes.w7Tasks, retry: policy)
    let clock = Stopwatch()
    let commits = try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<Sizes.w7Tasks {
            group.addTask {
                for _ in 0..<Sizes.w7Transactions {
                    try await pool.transaction(isolation: .serializable) { tx in
                        let n = try await tx.query("SELECT n FROM bench_counter WHERE id = 1")[0].decode(Int64.self, at: 0)
                        try await tx.execute("UPDATE bench_counter SET n = $1 WHERE id = 1", [n + 1])
                    }
                }
                return Sizes.w7Transactions
            }
        }
        return try await group.reduce(0, +)
    }
    let rate = Double(commits) / clock.seconds
    let final = try await pool.query("SELECT n FROM bench_counter WHERE id = 1", idempotent: true)[0].decode(Int64.self, at: 0)
    emit("W7", system: system, value: rate,
         method: "pool.transaction(isolation: .serializable), its retry policy with the shared backoff; "
            + "the counter through the runtime (tx.query read + tx.execute UPDATE: Shop.schema has no model for bench_counter)",
         [("commits", .int(commits)), ("retries", .int(pool.counters.retries)), ("final_counter", .int(Int(final)))])
    await pool.close()
}

func w8() async throws {
    let pool = try makePool(size: Sizes.w8PoolSize, maxOverflow: Sizes.w8MaxOverflow)
    let users = makeUserStore(pool: pool)
    let ids = try await seededIDs(pool)
    let run = try await concurrentGets(tasks: Sizes.w8Tasks, perTask: Sizes.w8GetsPerTask, get(users, ids))
    emit("W8", system: system, value: run.rate, method: "get(id) from 64 tasks, pool 8 + overflow 4; " + users.method,
         [("p50_ms", .double(run.latencies.milliseconds(atPercentile: 50))),
          ("p99_ms", .double(run.latencies.milliseconds(atPercentile: 99))),
          ("timeouts", .int(run.timeouts))])
    await pool.close()
}

/// W8's and W11's get: seeded id `index` (modulo their count); false on a pool timeout.
func get(_ users: some UserStore, _ ids: [UUID]) -> @Sendable (Int) async throws -> Bool {
    { index in
        do {
            _ = try await users.get(ids[index % ids.count])
            return true
        } catch AthanorError.poolTimeout {
            return false
        }
    }
}

/// W11: W8's get by id from 1 to 1,024 tasks on each pool of the sweep, one row per point. Each
/// point starts with a warm-up of 2 gets per task (which opens the point's connections).
func w11() async throws {
    for shape in Sizes.w11Pools {
        let pool = try makePool(size: shape.size, maxOverflow: shape.maxOverflow)
        let users = makeUserStore(pool: pool)
        let ids = try await seededIDs(pool)
        for tasks in Sizes.w11Tasks {
            _ = try await concurrentGets(tasks: tasks, perTask: 2, deadline: Sizes.w11PointSeconds, get(users, ids))
            resetPeakResidentMemory()
            let before = ProcessUsage()
            let run = try await concurrentGets(tasks: tasks, perTask: Sizes.w11GetsPerPoint / tasks,
                                               deadline: Sizes.w11PointSeconds, get(users, ids))
            emitSweepPoint(system: system, pool: shape, tasks: tasks, run, since: before,
                           method: "get(id) through UserRepository(pool), a lease per get, pool \(shape.size) + overflow \(shape.maxOverflow); "
                               + users.method)
        }
        await pool.close()
    }
}

do {
    if getenv("ATHANOR_BENCH_COMPARE") != nil, workload == "W5" || workload == "W6" {
        let pool = try makePool()
        try await compare(workload: workload, pool: pool)
        await pool.close()
        exit(0)
    }
    switch workload {
    case "W1": try await w1()
    case "W2": try await w2()
    case "W3", "W4": try await bulkUpsert(workload, count: Sizes.w3Rows)
    case "W5": try await w5()
    case "W6": try await w6()
    case "W7": try await w7()
    case "W8": try await w8()
    case "W10": try await w10()
    case "W11": try await w11()
    case "W12": try await w12()
    case "W13": try await w13()
    default: try await bulkUpsert("W9", count: Sizes.w9Rows)
    }
} catch {
    fail("bench-athanor \(workload): \(error)")
}
