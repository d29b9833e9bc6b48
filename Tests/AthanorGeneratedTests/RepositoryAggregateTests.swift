import Athanor
import Foundation
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// Typed aggregates, grouped or not, and projections into tuples and into a `Decodable`, on a
    /// real server, each test body in both forms.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryAggregateTests {
        struct Contact: Decodable, Equatable {
            var email: String
            var nickname: String?
        }

        @Test(arguments: Form.allCases)
        func typedAggregatesAndProjections(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                let ada = try await users.create(User(email: "ada@example.com", name: "Ada", nickname: "countess", loginCount: 3))
                try await users.create(User(email: "bob@example.com", name: "Bob"))
                let orders = form.repository(pool, of: Order.self)
                try await orders.createMany([
                    Order(customerID: ada.id, externalRef: "1", totalCents: 100),
                    Order(customerID: ada.id, externalRef: "2", totalCents: 200),
                    Order(customerID: ada.id, externalRef: "3", totalCents: 300, status: .paid),
                ])
                let c = Order.columns
                let (count, revenue, mean, largest) = try await orders.call(
                    { try await $0.aggregate(.count, c.totalCents.sum, c.totalCents.average, c.totalCents.max) },
                    { try $0.aggregate(.count, c.totalCents.sum, c.totalCents.average, c.totalCents.max) })
                #expect(count == 3 && revenue == 600 && mean == 200 && largest == 300)
                let (none, nothing) = try await orders.call(
                    { try await $0.aggregate(.count, c.totalCents.sum, where: c.currency == "USD") },
                    { try $0.aggregate(.count, c.totalCents.sum, where: c.currency == "USD") })
                #expect(none == 0 && nothing == nil)
                let single: Int64 = try await orders.call({ try await $0.aggregate(c.note.count) }, { try $0.aggregate(c.note.count) })
                #expect(single == 0)
                let byStatus = try await orders.call(
                    { try await $0.aggregate(.count, c.totalCents.sum, groupBy: c.status) },
                    { try $0.aggregate(.count, c.totalCents.sum, groupBy: c.status) })
                #expect(byStatus.map(\.0) == [.pending, .paid] && byStatus.map(\.1) == [2, 1] && byStatus.map(\.2) == [300, 300])

                let pairs = try await users.call(
                    { try await $0.select(User.columns.email, User.columns.loginCount, orderBy: [User.columns.email.ascending]) },
                    { try $0.select(User.columns.email, User.columns.loginCount, orderBy: [User.columns.email.ascending]) })
                #expect(pairs.map(\.0) == ["ada@example.com", "bob@example.com"] && pairs.map(\.1) == [3, 0])
                let contacts = try await users.call(
                    { try await $0.select([User.columns.email, User.columns.nickname], as: Contact.self, where: User.columns.loginCount > 1) },
                    { try $0.select([User.columns.email, User.columns.nickname], as: Contact.self, where: User.columns.loginCount > 1) })
                #expect(contacts == [Contact(email: "ada@example.com", nickname: "countess")])
            }
        }
    }
}
