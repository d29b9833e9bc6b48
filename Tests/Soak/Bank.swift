import Athanor

/// The bank: accounts with balances, and a ledger with one row per transfer, keyed by the
/// transfer's id. A transfer moves money and writes its ledger row in one serializable
/// transaction, so the books always balance and a transfer is in the ledger at most once.
struct Bank: Sendable {
    let accounts: Int
    let openingBalance: Int64

    /// Drops and creates the tables and opens every account.
    func create(on admin: ConnectionPool) async throws {
        try await admin.withConnection { connection in
            try await connection.executeScript("""
                DROP TABLE IF EXISTS ledger, accounts;
                CREATE TABLE accounts (id bigint PRIMARY KEY, balance bigint NOT NULL);
                INSERT INTO accounts SELECT g, \(openingBalance) FROM generate_series(1, \(accounts)) AS g;
                CREATE TABLE ledger (
                    id bigint PRIMARY KEY,
                    source bigint NOT NULL REFERENCES accounts,
                    destination bigint NOT NULL REFERENCES accounts,
                    amount bigint NOT NULL CHECK (amount > 0)
                );
                """)
        }
    }

    /// One transfer, as one `pool.transaction(isolation: .serializable)`: the two balances (in
    /// account order, so two transfers never wait on each other in a cycle) and the ledger row.
    func transfer(id: Int64, from source: Int64, to destination: Int64, amount: Int64, on pool: ConnectionPool) async throws {
        try await pool.transaction(isolation: .serializable) { tx in
            for account in [source, destination].sorted() {
                let change = account == source ? -amount : amount
                try await tx.execute("UPDATE accounts SET balance = balance + $1 WHERE id = $2", [change, account])
            }
            try await tx.execute("INSERT INTO ledger (id, source, destination, amount) VALUES ($1, $2, $3, $4)",
                                 [id, source, destination, amount])
        }
    }

    /// What the tables say at the end.
    func audit(on admin: ConnectionPool) async throws -> BankAudit {
        let totals = try await admin.query("SELECT sum(balance)::bigint, count(*) FROM accounts", idempotent: true)
        let ledger = try await admin.query("SELECT id FROM ledger", idempotent: true)
        let duplicates = try await admin.query("SELECT count(*) - count(DISTINCT id) FROM ledger", idempotent: true)
        // An account whose balance is not its opening balance plus what the ledger says came in,
        // minus what went out: a transfer half applied, or applied without its ledger row.
        let inconsistent = try await admin.query("""
            SELECT count(*) FROM accounts a
            LEFT JOIN (SELECT source AS id, sum(amount) AS total FROM ledger GROUP BY source) o USING (id)
            LEFT JOIN (SELECT destination AS id, sum(amount) AS total FROM ledger GROUP BY destination) i USING (id)
            WHERE a.balance <> $1 - coalesce(o.total, 0) + coalesce(i.total, 0)
            """, [openingBalance], idempotent: true)
        var ids = Set<Int64>()
        ids.reserveCapacity(ledger.count)
        for row in ledger { ids.insert(try row.decode(Int64.self, at: 0)) }
        return BankAudit(
            totalBalance: try totals[0].decode(Int64.self, at: 0),
            expectedTotal: openingBalance * Int64(accounts),
            ledgerIDs: ids,
            ledgerRows: ledger.count,
            duplicateRows: try duplicates[0].decode(Int.self, at: 0),
            inconsistentAccounts: try inconsistent[0].decode(Int.self, at: 0))
    }
}

/// The bank's state after the run.
struct BankAudit: Sendable {
    let totalBalance: Int64
    let expectedTotal: Int64
    let ledgerIDs: Set<Int64>
    let ledgerRows: Int
    let duplicateRows: Int
    let inconsistentAccounts: Int
}
