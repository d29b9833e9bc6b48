import Athanor
import AthanorTesting
import ShopModels
import Testing

/// The first database tests of a consumer: each test sees an empty database of Shop.schema.
@Suite(.tags(.postgres))
struct UserTests {
    /// The trait: `TestDatabase.current` is this test's own database.
    @Test(.tags(.async), .database(.shop))
    func createThenGet() async throws {
        let db = try #require(TestDatabase.current)
        let users = UserRepository(db.executor)
        #expect(try await users.count() == 0)
        let ada = try await users.create(User(email: "ada@example.com", name: "Ada"))
        #expect(try await users.get(ada.id).name == "Ada")
    }

    /// The same body once per API form (async, then blocking on a thread of its own), each in a
    /// fresh database: the upsert keeps the id and updates the name.
    @Test(.tags(.async, .blocking), arguments: APIForm.allCases)
    func upsertKeepsTheID(form: APIForm) async throws {
        try await TestDatabase.with(.shop) { db in
            let first = User(email: "grace@example.com", name: "Grace")
            let second = User(email: "grace@example.com", name: "Grace Hopper")
            let (created, upserted): (User, User)
            switch form {
            case .async:
                let users = UserRepository(db.executor)
                created = try await users.create(first)
                upserted = try await users.upsert(second, matching: .email)
            case .blocking:
                (created, upserted) = try await runBlocking {
                    let users = UserBlockingRepository(db.pool)
                    return (try users.create(first), try users.upsert(second, matching: .email))
                }
            }
            #expect(upserted.id == created.id)
            #expect(upserted.name == "Grace Hopper")
            #expect(try await UserRepository(db.executor).count() == 1)
        }
    }

    /// Once per configured server (PostgreSQL, and CockroachDB when its URL is set) and per form.
    @Test(.tags(.postgres, .cockroachdb, .async, .blocking), arguments: TestDialect.configured, APIForm.allCases)
    func ordersReferenceTheirCustomer(dialect: TestDialect, form: APIForm) async throws {
        try await TestDatabase.with(.shop, dialect: dialect) { db in
            let ada = try await UserRepository(db.executor).create(User(email: "ada@example.com", name: "Ada"))
            let order = Order(customerID: ada.id, externalRef: "WEB-1", totalCents: 4_200)
            let stored: Order = switch form {
            case .async: try await OrderRepository(db.executor).create(order)
            case .blocking: try await runBlocking { try OrderBlockingRepository(db.pool).create(order) }
            }
            #expect(stored.status == .pending)
            #expect(try await OrderRepository(db.executor).count(where: Order.columns.customerID == ada.id) == 1)
        }
    }
}

/// The trait on a suite: every test in it gets a database of its own, and none sees another's rows.
@Suite(.tags(.postgres, .async), .database(.shop))
struct IsolationTests {
    @Test(arguments: 1...4)
    func eachTestStartsEmpty(number: Int) async throws {
        let db = try #require(TestDatabase.current)
        let users = UserRepository(db.executor)
        #expect(try await users.count() == 0)
        _ = try await users.create(User(email: "same@example.com", name: "Test \(number)"))
        #expect(try await users.count() == 1)
    }
}
