// W12 and W13 on PostgresNIO: 1,000 orders with their customers, with a join and with two
// queries (the orders, then their customers by `= ANY($1)`); and 1,000,000 rows through its
// row sequence (`PostgresRowSequence`, which it fills as the server's rows arrive, with
// back-pressure).
import BenchSupport
import Foundation
import PostgresNIO

typealias OrderTuple = (UUID, UUID, String, String, Int64, String, String?, Date, Date, Date)

let orderColumns = "id, customer_id, external_ref, status::text, total_cents, currency, note, placed_at, created_at, updated_at"

struct OrdersPage: PostgresPreparedStatement {
    static let sql = "SELECT " + orderColumns + " FROM orders LIMIT $1"
    typealias Row = OrderTuple
    var limit: Int64
    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(limit)
        return bindings
    }
    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(OrderTuple.self) }
}

struct UsersByIDs: PostgresPreparedStatement {
    static let sql = "SELECT " + returning + " FROM users WHERE id = ANY($1)"
    typealias Row = UserTuple
    var ids: [UUID]
    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(ids)
        return bindings
    }
    func decodeRow(_ row: PostgresRow) throws -> Row { try decodeUser(row) }
}

struct OrdersWithCustomers: PostgresPreparedStatement {
    static let sql = "SELECT o.id, o.customer_id, o.external_ref, o.status::text, o.total_cents, o.currency, o.note, "
        + "o.placed_at, o.created_at, o.updated_at, u.id, u.email, u.name, u.nickname, u.login_count, u.preferences, "
        + "u.roles, u.created_at, u.updated_at FROM orders AS o JOIN users AS u ON u.id = o.customer_id LIMIT $1"
    typealias Row = (OrderTuple, UserTuple)
    var limit: Int64
    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(limit)
        return bindings
    }
    func decodeRow(_ row: PostgresRow) throws -> Row {
        let (id, customerID, ref, status, total, currency, note, placed, created, updated,
             userID, email, name, nickname, logins, preferences, roles, userCreated, userUpdated) =
            try row.decode((UUID, UUID, String, String, Int64, String, String?, Date, Date, Date,
                            UUID, String, String, String?, Int64, Preferences, [String], Date, Date).self)
        return ((id, customerID, ref, status, total, currency, note, placed, created, updated),
                (userID, email, name, nickname, logins, preferences, roles, userCreated, userUpdated))
    }
}

/// W12 both ways on one leased connection, alternating in blocks of 10 calls; the figure is the
/// two-query form (Athanor's), the join's in `join_rows_per_s`.
func w12() async throws {
    try await withClient { client in
        try await client.withConnection { connection in
            func twoQueries() async throws -> Int {
                let orders = try await collect(try await connection.execute(OrdersPage(limit: Int64(Sizes.w12Orders)), logger: logger))
                let customers = try await collect(try await connection.execute(UsersByIDs(ids: Array(Set(orders.map(\.1)))), logger: logger))
                let byID = Dictionary(customers.map { ($0.0, $0) }, uniquingKeysWith: { first, _ in first })
                return orders.filter { byID[$0.1] != nil }.count
            }
            func join() async throws -> Int {
                try await collect(try await connection.execute(OrdersWithCustomers(limit: Int64(Sizes.w12Orders)), logger: logger)).count
            }
            _ = try await twoQueries()
            _ = try await join()
            var twoSeconds = 0.0, joinSeconds = 0.0
            for _ in 0..<(Sizes.w12Calls / 10) {
                var clock = Stopwatch()
                for _ in 0..<10 { guard try await twoQueries() == Sizes.w12Orders else { fail("W12: short") } }
                twoSeconds += clock.seconds
                clock = Stopwatch()
                for _ in 0..<10 { guard try await join() == Sizes.w12Orders else { fail("W12: short join") } }
                joinSeconds += clock.seconds
            }
            let rows = Double(Sizes.w12Orders * Sizes.w12Calls)
            emit("W12", system: system, value: rows / twoSeconds,
                 method: "two prepared statements (orders LIMIT 1000, then users WHERE id = ANY($1)) on one leased connection; "
                    + "join_rows_per_s: one prepared JOIN",
                 [("join_rows_per_s", .double(rows / joinSeconds))])
        }
    }
}

/// W13: 1,000,000 users rows through `client.query(...)`'s row sequence, decoded as they come.
func w13() async throws {
    try await withClient { client in
        _ = try await client.query("SELECT 1")  // connect before measuring
        resetPeakResidentMemory()
        let cpu = processCPUSeconds()
        let clock = Stopwatch()
        var rows = 0
        var logins: Int64 = 0
        let sequence = try await client.query(PostgresQuery(unsafeSQL: "SELECT " + returning + " FROM users"))
        for try await row in sequence {
            let user = try decodeUser(row)
            rows += 1
            logins &+= user.4
        }
        let seconds = clock.seconds
        let cpuSeconds = processCPUSeconds() - cpu
        guard rows == Sizes.w13Rows else { fail("W13: \(rows) rows") }
        emit("W13", system: system, value: Double(rows) / seconds,
             method: "for try await row in client.query(\"SELECT ... FROM users\") (PostgresRowSequence), each row decoded",
             [("peak_rss_bytes", .int(processStatusBytes("VmHWM"))), ("client_cpu_s", .double(cpuSeconds))])
        withExtendedLifetime(logins) {}
    }
}
