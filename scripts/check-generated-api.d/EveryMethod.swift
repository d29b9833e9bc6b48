// Compiled by scripts/check-generated-api: every generated method and filter, in both forms.
import Athanor
import Foundation
import Models

func everyMethod(pool: ConnectionPool) async throws {
    let users = UserRepository(pool)
    let c = User.columns
    var ada = try await users.create(User(email: "ada@example.com", name: "Ada"))
    _ = try await users.get(ada.id)
    _ = try await users.find(email: "ada@example.com")
    _ = try await users.list(where: c.email == "a" && c.loginCount > 1 || !(c.nickname.isNull), orderBy: [c.createdAt.descending], limit: 10, offset: 5)
    _ = try await users.list(where: c.email != "a" && c.email.in(["a"]) && c.email.notIn(["b"]) && c.loginCount <= 3 && c.loginCount >= 1 && c.loginCount < 9)
    _ = try await users.list(where: c.createdAt.before(Date()) && c.updatedAt.after(Date()) && c.email.like("%a") && c.name.ilike("A%") && c.nickname.isNotNull)
    let page: (items: [User], total: Int) = try await users.listAndCount(where: .all, orderBy: [c.email.ascending], limit: 1)
    _ = page
    _ = try await users.count(where: c.nickname == nil)
    _ = try await users.exists()
    _ = try await users.createMany([User(email: "b@example.com", name: "B")])
    ada.name = "Ada L."
    _ = try await users.update(ada)
    _ = try await users.updateMany([ada])
    _ = try await users.upsert(ada, matching: .email)
    _ = try await users.upsert(ada, matching: .id)
    _ = try await users.upsertMany([ada], matching: .email)
    _ = try await users.delete(ada.id)
    _ = try await users.deleteMany([ada.id])
    _ = try await users.deleteWhere(c.email == "b@example.com")
    let orders = OrderRepository(pool)
    _ = try await orders.find(customerID: ada.id, externalRef: "R-1")
    _ = try await orders.upsert(Order(customerID: ada.id, externalRef: "R-1", totalCents: 1), matching: .customerIDExternalRef)
    _ = try await orders.list(where: Order.columns.status.in([.paid, .shipped]) && Order.columns.note > "a")
    _ = try await ProductRepository(pool).find(sku: "S")
    _ = try await AuditEventRepository(pool).get(1)
    try await pool.transaction { tx in
        _ = try await UserRepository(tx).upsert(ada, matching: .email)
    }
    _ = try await users.update(ada.id, set: [c.name.set("Ada L."), c.nickname.set(nil), c.loginCount.increment(by: 1)])
    _ = try await users.updateWhere(c.loginCount > 1, set: [c.roles.set(["x"])])
    _ = try await users.upsert(ada, matching: .email, updating: [c.name, c.loginCount])
    _ = try await users.upsertMany([ada], matching: .email, updating: [])
    _ = try await users.first(where: c.email == "a", orderBy: [c.email.ascending])
    _ = try await users.one(where: c.email == "a")
    let (got, created) = try await users.getOrCreate(ada, matching: .email)
    _ = (got, created)
    let firstPage: Page<User> = try await users.page(where: .all, orderBy: [c.createdAt.descending], limit: 20)
    _ = try await users.page(orderBy: [c.createdAt.descending], after: firstPage.next.flatMap { PageCursor(token: $0.token) }, limit: 20)
    _ = try users.sql(for: .list(where: c.email == "a", orderBy: [], limit: 1))
    let someOrders = try await orders.list(limit: 10)
    let customers: [User.PrimaryKey: User] = try await orders.customers(for: someOrders)
    let ordersByUser: [User.PrimaryKey: [Order]] = try await users.orders(for: Array(customers.values))
    _ = ordersByUser
    let paired: [(Order, User?)] = try await orders.list(where: Order.columns.customer.matches(c.email == "a"), including: .customer)
    let withOrders: [(User, [Order])] = try await users.list(where: c.orders.matches(Order.columns.status == .paid), including: .orders)
    _ = (paired, withOrders)
    for try await user in users.stream(where: c.loginCount > 0, orderBy: [c.email.ascending], bufferSize: 64) { _ = user }
    let (orderCount, revenue) = try await orders.aggregate(.count, Order.columns.totalCents.sum)
    let byStatus: [(OrderStatus, Int64)] = try await orders.aggregate(.count, groupBy: Order.columns.status)
    let emails: [(String, Int64)] = try await users.select(c.email, c.loginCount, limit: 10)
    _ = (orderCount, revenue, byStatus, emails)
    try await AthanorSchema.createTables(on: pool)
    _ = AthanorSchema.ddl(for: .cockroachdb)
    let report: MigrationReport = try await AthanorSchema.migrate(on: pool)
    _ = (report, AthanorSchema.migrations.map(\.id))
}

func everyBlockingMethod(pool: ConnectionPool, id: UUID) throws {
    let users = UserBlockingRepository(pool)
    let ada = try users.get(id)
    _ = try users.find(email: "ada@example.com")
    _ = try users.list(where: User.columns.loginCount > 1, orderBy: [User.columns.email.ascending], limit: 1, offset: 0)
    _ = try users.listAndCount()
    _ = try users.count()
    _ = try users.exists(where: User.columns.email == "a")
    _ = try users.create(ada)
    _ = try users.createMany([ada])
    _ = try users.update(ada)
    _ = try users.updateMany([ada])
    _ = try users.upsert(ada, matching: .email)
    _ = try users.upsertMany([ada], matching: .id)
    _ = try users.delete(id)
    _ = try users.deleteMany([id])
    _ = try users.deleteWhere(.all)
    _ = try users.update(id, set: [User.columns.loginCount.increment(by: 1)])
    _ = try users.updateWhere(.all, set: [User.columns.name.set("x")])
    _ = try users.upsert(ada, matching: .email, updating: [User.columns.name])
    _ = try users.first()
    _ = try users.one(where: User.columns.email == "a")
    _ = try users.getOrCreate(ada, matching: .email)
    _ = try users.page(limit: 1)
    _ = try users.sql(for: .count())
    _ = try users.orders(for: [ada])
    for user in users.stream() { _ = user }
    let total: Int64? = try OrderBlockingRepository(pool).aggregate(Order.columns.totalCents.sum)
    _ = total
    _ = try OrderBlockingRepository(pool).list(including: .customer)
    _ = try pool.transactionBlocking { tx in try OrderBlockingRepository(tx).count() }
}
