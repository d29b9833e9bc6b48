import Athanor
import Foundation
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// 100,000 rows through `upsertMany` (users, whose `roles` travels as one array literal per
    /// row; orders, without an array column), in both forms.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryBulkTests {
        static let rows = 100_000

        @Test(arguments: Form.allCases)
        func upsertManyOfAHundredThousandUsers(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                let values = (0..<Self.rows).map { User(email: "bulk\($0)@example.com", name: "Bulk \($0)", roles: $0 % 3 == 0 ? ["a", "b"] : []) }
                let clock = ContinuousClock()
                let start = clock.now
                let stored = try await users.upsertMany(values, matching: .email)
                let inserted = clock.now - start
                #expect(stored.count == Self.rows)
                #expect(try await users.count() == Self.rows)
                #expect(try await users.list(where: User.columns.email == "bulk3@example.com").first?.roles == ["a", "b"])
                let again = try await users.upsertMany(values.map { var user = $0; user.loginCount = 1; return user }, matching: .email)
                #expect(again.count == Self.rows)
                #expect(try await users.count(where: User.columns.loginCount == 1) == Self.rows)
                #expect(Set(again.map(\.id)) == Set(stored.map(\.id)))
                print("upsertMany of \(Self.rows) users (roles as array literals, \(form)): \(inserted)")
            }
        }

        @Test(arguments: Form.allCases)
        func upsertManyOfAHundredThousandOrders(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let customer = try await form.repository(pool, of: User.self).create(User(email: "big@example.com", name: "Big"))
                let orders = form.repository(pool, of: Order.self)
                let values = (0..<Self.rows).map { Order(customerID: customer.id, externalRef: "E\($0)", totalCents: Int64($0)) }
                let clock = ContinuousClock()
                let start = clock.now
                let stored = try await orders.upsertMany(values, matching: .customerIDExternalRef)
                print("upsertMany of \(Self.rows) orders (no array column, \(form)): \(clock.now - start)")
                #expect(stored.count == Self.rows)
                #expect(try await orders.count(where: Order.columns.status == .pending) == Self.rows)
            }
        }
    }
}
