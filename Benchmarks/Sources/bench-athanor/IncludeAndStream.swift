// W12 and W13 on Athanor: `list(limit:including: .customer)` (two statements on one connection)
// and `stream()` (single-row mode, a bounded buffer).
import Athanor
import BenchModels
import BenchSupport

/// W12: 1,000 orders with their 250 customers, 100 times on one leased connection; the figure
/// is orders (with their customer) per second.
func w12() async throws {
    let pool = try makePool()
    let clock = try await pool.withConnection { connection in
        let orders = OrderRepository(connection)
        _ = try await orders.list(limit: Sizes.w12Orders, including: .customer)  // prepare both statements
        let clock = Stopwatch()
        for _ in 0..<Sizes.w12Calls {
            let loaded = try await orders.list(limit: Sizes.w12Orders, including: .customer)
            guard loaded.count == Sizes.w12Orders, loaded.allSatisfy({ $0.1 != nil }) else { fail("W12: \(loaded.count) orders") }
        }
        return clock
    }
    emit("W12", system: system, value: Double(Sizes.w12Orders * Sizes.w12Calls) / clock.seconds,
         method: "OrderRepository(connection).list(limit: 1000, including: .customer): the orders' SELECT, then "
            + "SELECT ... FROM users WHERE id = ANY($1), on one leased connection")
    await pool.close()
}

/// W13: 1,000,000 users rows through `UserRepository(pool).stream()`; rows/s, and the peak
/// resident memory of the process during the stream.
func w13() async throws {
    let pool = try makePool()
    _ = try await pool.query("SELECT 1", idempotent: true)  // connect before measuring
    resetPeakResidentMemory()
    let cpu = processCPUSeconds()
    let clock = Stopwatch()
    var rows = 0
    var logins: Int64 = 0
    for try await user in UserRepository(pool).stream() {
        rows += 1
        logins &+= user.loginCount
    }
    let seconds = clock.seconds
    let cpuSeconds = processCPUSeconds() - cpu
    guard rows == Sizes.w13Rows else { fail("W13: \(rows) rows") }
    emit("W13", system: system, value: Double(rows) / seconds,
         method: "for try await user in UserRepository(pool).stream() (libpq single-row mode, bufferSize 256)",
         [("peak_rss_bytes", .int(processStatusBytes("VmHWM"))), ("client_cpu_s", .double(cpuSeconds))])
    withExtendedLifetime(logins) {}
}
