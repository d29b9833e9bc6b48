// W10, pgbench's TPC-B-like transaction, through the generated repositories of Bank.schema
// (target BenchModels: Account, Teller, Branch, History on the w10_* tables).
import Athanor
import BenchModels
import BenchSupport

/// The one W10 transaction of Athanor, retried as a unit by `pool.transaction` (40001, 40P01):
/// returns the account's new balance. The three balance updates are partial updates
/// (`update(_:set:)` with `increment(by:)`: `UPDATE ... SET balance = balance + $1 ... RETURNING`),
/// the first of which returns the updated account (pgbench's separate `SELECT abalance`), and the
/// history row is a `create`.
func tpcbTransaction(_ pool: ConnectionPool, _ draw: TPCBDraw) async throws -> Int32 {
    try await pool.transaction { tx in
        let account = try await AccountRepository(tx).update(draw.account, set: [Account.columns.balance.increment(by: draw.delta)])
        try await TellerRepository(tx).update(draw.teller, set: [Teller.columns.balance.increment(by: draw.delta)])
        try await BranchRepository(tx).update(draw.branch, set: [Branch.columns.balance.increment(by: draw.delta)])
        try await HistoryRepository(tx).create(
            History(tellerID: draw.teller, branchID: draw.branch, accountID: draw.account, delta: draw.delta))
        return account.balance
    }
}

let tpcbMethod = "pool.transaction (read committed, retried as a unit on 40001/40P01 with the shared backoff), a lease per "
    + "transaction: AccountRepository(tx).update(id, set: [balance.increment(by:)]) (returns the account: the read), "
    + "the same for TellerRepository and BranchRepository, HistoryRepository(tx).create"

func w10() async throws {
    let policy = RetryPolicy(maxAttempts: W7Backoff.maxAttempts, baseDelay: W7Backoff.base, maxDelay: W7Backoff.cap)
    var deltas = 0, commits = 0
    for clients in Sizes.w10Clients {
        let pool = try makePool(size: clients, retry: policy)
        try await openConnections(pool, count: clients)
        let outcome = try await tpcbPoint(clients: clients) { _, transactions in
            var outcome = TPCBOutcome()
            for _ in 0..<transactions {
                let draw = TPCBDraw.random()
                _ = try await tpcbTransaction(pool, draw)
                outcome.commits += 1
                outcome.deltas += Int(draw.delta)
            }
            return outcome
        }
        deltas += outcome.deltas
        commits += outcome.commits
        let totals = try await pool.query(TPCBSQL.totals, idempotent: true)[0]
        emitTPCBPoint(system: system, clients: clients, outcome, retries: pool.counters.retries,
                      totals: try (0..<5).map { try totals.decode(Int64.self, at: $0) }, deltas: deltas, commits: commits,
                      method: tpcbMethod)
        await pool.close()
    }
}

/// Opens `count` connections of the pool before a measurement (the pool connects lazily): that
/// many leases held at once for a moment.
func openConnections(_ pool: ConnectionPool, count: Int) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<count {
            group.addTask { try await pool.withConnection { _ in try await Task.sleep(for: .milliseconds(100)) } }
        }
        try await group.waitForAll()
    }
}
