// W10, pgbench's TPC-B-like transaction, as the Swift systems share it: the draws, pgbench's
// statements on Bank.schema's copy of its tables, the client loop and the check after each point
// (Benchmarks/peers/common.py has the same for asyncpg).

/// One transaction's account, teller, branch and delta, drawn as pgbench's tpcb-like script draws
/// them: each uniform and independent of the others.
public struct TPCBDraw: Sendable {
    public var account: Int64
    public var teller: Int64
    public var branch: Int64
    public var delta: Int32

    public static func random() -> TPCBDraw {
        TPCBDraw(account: .random(in: 1...Int64(Sizes.w10Accounts)), teller: .random(in: 1...Int64(Sizes.w10Tellers)),
                 branch: .random(in: 1...Int64(Sizes.w10Branches)), delta: .random(in: -5_000...5_000))
    }
}

/// pgbench's tpcb-like statements with the names of Bank.schema's tables.
public enum TPCBSQL {
    public static let updateAccount = "UPDATE w10_accounts SET balance = balance + $1 WHERE id = $2"
    public static let readAccount = "SELECT balance FROM w10_accounts WHERE id = $1"
    public static let updateTeller = "UPDATE w10_tellers SET balance = balance + $1 WHERE id = $2"
    public static let updateBranch = "UPDATE w10_branches SET balance = balance + $1 WHERE id = $2"
    public static let insertHistory = "INSERT INTO w10_history (teller_id, branch_id, account_id, delta, mtime) "
        + "VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)"
    /// After a point: each table's balances, the history's deltas (all of which must equal the
    /// deltas committed so far: the tables start at 0) and the history's rows (the commits), as int8.
    public static let totals = "SELECT (SELECT sum(balance) FROM w10_branches)::int8, (SELECT sum(balance) FROM w10_tellers)::int8, "
        + "(SELECT sum(balance) FROM w10_accounts)::int8, (SELECT coalesce(sum(delta), 0) FROM w10_history)::int8, "
        + "(SELECT count(*) FROM w10_history)::int8"
}

/// What the clients of one point committed.
public struct TPCBOutcome: Sendable {
    public var commits = 0
    /// The sum of the committed transactions' deltas.
    public var deltas = 0
    /// Attempts that failed with 40001 or 40P01 and ran again (where the system counts them itself).
    public var retries = 0
    public var seconds = 0.0

    public init() {}
}

/// Runs one point of W10: `clients` tasks, client `c` calling `client(c, transactions)` with its
/// share of `Sizes.w10Transactions`, which returns what it committed.
public func tpcbPoint(
    clients: Int, _ client: @escaping @Sendable (_ index: Int, _ transactions: Int) async throws -> TPCBOutcome
) async throws -> TPCBOutcome {
    let clock = Stopwatch()
    let share = Sizes.w10Transactions / clients
    var outcome = try await withThrowingTaskGroup(of: TPCBOutcome.self) { group in
        for index in 0..<clients { group.addTask { try await client(index, share) } }
        return try await group.reduce(into: TPCBOutcome()) { total, one in
            total.commits += one.commits
            total.deltas += one.deltas
            total.retries += one.retries
        }
    }
    outcome.seconds = clock.seconds
    return outcome
}

/// The point's name ("1 client", "8 clients").
public func tpcbPointName(clients: Int) -> String { clients == 1 ? "1 client" : "\(clients) clients" }

/// W10's row for one point; `totals` is the row of `TPCBSQL.totals` read after it, checked
/// against everything committed so far (`deltas`, `commits`: this point's and the earlier ones').
public func emitTPCBPoint(
    system: String, clients: Int, _ outcome: TPCBOutcome, retries: Int, totals: [Int64], deltas: Int, commits: Int,
    method: String
) {
    let consistent = totals.count == 5 && totals[0..<4].allSatisfy { $0 == Int64(deltas) } && totals[4] == Int64(commits)
    emit("W10", system: system, value: Double(outcome.commits) / outcome.seconds, method: method, [
        ("point", .string(tpcbPointName(clients: clients))), ("clients", .int(clients)),
        ("commits", .int(outcome.commits)), ("retries", .int(retries)), ("consistent", .int(consistent ? 1 : 0)),
    ])
    if !consistent { writeStandardError("W10 \(system): totals \(totals) after \(commits) commits of deltas summing to \(deltas)\n") }
}
