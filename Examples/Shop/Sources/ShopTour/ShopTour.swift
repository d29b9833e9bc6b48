import Athanor
import Foundation
import ShopModels

/// A short tour of the generated API against `DATABASE_URL`, in a scratch database of its own
/// (created and dropped here, so your data is never touched).
@main
struct ShopTour {
    static func main() async {
        do {
            try await run()
        } catch {
            print("error: \(error)")
            exit(1)
        }
    }

    static func run() async throws {
        guard let text = ProcessInfo.processInfo.environment["DATABASE_URL"], !text.isEmpty else {
            print("error: set DATABASE_URL (or run scripts/demo, which starts a throwaway PostgreSQL)")
            exit(2)
        }
        let admin = try DatabaseURL(text)
        try await Scratch.with(admin) { url in
            let pool = ConnectionPool(url: url, configuration: PoolConfiguration(size: 4, maxOverflow: 4))
            try await tour(pool)
            await pool.close()
        }
    }

    static func tour(_ pool: ConnectionPool) async throws {
        step("1. Create the tables (AthanorSchema.createTables, \(pool.url.dialect.productName) DDL)")
        try await AthanorSchema.createTables(on: pool)

        step("2. Create, then upsert on the unique key `email` (id and createdAt kept, updatedAt moves)")
        let users = UserRepository(pool)
        let ada = try await users.create(User(email: "ada@example.com", name: "Ada", roles: ["admin"]))
        let again = try await users.upsert(User(email: "ada@example.com", name: "Ada Lovelace", roles: ["admin", "author"]), matching: .email)
        print("   \(again.display): same id \(again.id == ada.id), same createdAt \(again.createdAt == ada.createdAt), roles \(again.roles)")

        step("3. Bulk: upsert 1,000 users in one statement per chunk, then load 5,000 with COPY")
        let start = ContinuousClock.now
        let crowd = try await users.upsertMany(
            (1...1_000).map { User(email: "reader\($0)@example.com", name: "Reader \($0)", loginCount: Int64($0 % 50)) },
            matching: .email)
        print("   \(crowd.count) users stored in \(ContinuousClock.now - start)")
        let loaded = ContinuousClock.now
        let copied = try await users.copyMany((1...5_000).map { User(email: "import\($0)@example.com", name: "Import \($0)") })
        print("   \(copied) more loaded with copyMany (binary COPY, returns the count) in \(ContinuousClock.now - loaded)")

        step("4. Orders, upserted on the composite key (customerID, externalRef)")
        let orders = OrderRepository(pool)
        _ = try await orders.upsert(Order(customerID: ada.id, externalRef: "WEB-1", totalCents: 4_200), matching: .customerIDExternalRef)
        let paid = try await orders.upsert(
            Order(customerID: ada.id, externalRef: "WEB-1", totalCents: 4_200, status: .paid), matching: .customerIDExternalRef)
        _ = try await orders.upsertMany(
            crowd.prefix(200).enumerated().map { Order(customerID: $1.id, externalRef: "SHOP-\($0)", totalCents: Int64(100 * $0)) },
            matching: .customerIDExternalRef)
        print("   WEB-1 is \(paid.status); \(try await orders.count()) orders in all")

        step("5. Typed filters, order and paging")
        let regulars = try await users.listAndCount(
            where: User.columns.email.ilike("reader%") && User.columns.loginCount >= 45,
            orderBy: [User.columns.loginCount.descending, User.columns.email.ascending], limit: 3)
        print("   \(regulars.total) regular readers; first three: \(regulars.items.map(\.email))")
        let big = try await orders.count(where: Order.columns.totalCents > 10_000 && Order.columns.status.in([.pending, .paid]))
        print("   \(big) open orders above 100.00")

        try await contention(pool, userID: ada.id)

        step("7. The pool's counters")
        print("   \(pool.counters)")
    }

    /// Eight tasks increment one counter 25 times each, in serializable transactions: the
    /// conflicts are retried by the pool, and no increment is lost.
    static func contention(_ pool: ConnectionPool, userID: UUID) async throws {
        step("6. A counter incremented by 8 tasks x 25 serializable transactions")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<25 {
                        try await pool.transaction(isolation: .serializable) { tx in
                            let users = UserRepository(tx)
                            var user = try await users.get(userID)
                            user.loginCount += 1
                            try await users.update(user)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try await UserRepository(pool).get(userID).loginCount
        print("   loginCount = \(final) (expected 200), retries so far: \(pool.counters.retries)")
    }

    static func step(_ title: String) {
        print("\n" + title)
    }
}
