import Athanor
import Foundation
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// Typed filters, ordering and paging, in both forms.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryFilterTests {
        @Test(arguments: Form.allCases)
        func everyOperator(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                let created = try await users.createMany((1...6).map { index in
                    User(email: "user\(index)@\(index % 2 == 0 ? "even" : "odd").example.com", name: "User \(index)",
                         nickname: index <= 2 ? nil : "n\(index)", loginCount: Int64(index))
                })
                let c = User.columns
                func emails(_ filter: Filter<User>) async throws -> [String] {
                    try await users.list(where: filter, orderBy: [c.loginCount.ascending]).map { String($0.email.prefix(5)) }
                }
                #expect(try await emails(c.loginCount == 3) == ["user3"])
                #expect(try await emails(c.loginCount != 3).count == 5)
                #expect(try await emails(c.loginCount < 3) == ["user1", "user2"])
                #expect(try await emails(c.loginCount <= 2) == ["user1", "user2"])
                #expect(try await emails(c.loginCount > 5) == ["user6"])
                #expect(try await emails(c.loginCount >= 5) == ["user5", "user6"])
                #expect(try await emails(c.email.in(["user1@odd.example.com", "user4@even.example.com"])) == ["user1", "user4"])
                #expect(try await emails(c.email.notIn(["user1@odd.example.com"])).count == 5)
                #expect(try await emails(c.email.like("%@even.%")) == ["user2", "user4", "user6"])
                #expect(try await emails(c.email.ilike("USER1%")) == ["user1"])
                #expect(try await emails(c.nickname.isNull) == ["user1", "user2"])
                #expect(try await emails(c.nickname.isNotNull).count == 4)
                #expect(try await emails(c.nickname == nil) == ["user1", "user2"])
                #expect(try await emails(c.nickname == "n3") == ["user3"])
                #expect(try await emails(c.nickname > "n4") == ["user5", "user6"])
                #expect(try await emails(c.loginCount > 1 && c.loginCount < 4) == ["user2", "user3"])
                #expect(try await emails(c.loginCount == 1 || c.loginCount == 6) == ["user1", "user6"])
                #expect(try await emails(!(c.loginCount > 1)) == ["user1"])
                let now = Date()
                #expect(try await emails(c.createdAt.before(now.addingTimeInterval(60))).count == 6)
                #expect(try await emails(c.createdAt.after(now.addingTimeInterval(60))).isEmpty)
                #expect(try await emails(.all).count == created.count)
            }
        }

        @Test(arguments: Form.allCases)
        func orderLimitOffsetAndCount(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                try await users.createMany((1...7).map { User(email: "p\($0)@example.com", name: "P", loginCount: Int64($0)) })
                let page = try await users.list(orderBy: [User.columns.loginCount.descending], limit: 2, offset: 1)
                #expect(page.map(\.loginCount) == [6, 5])
                let (items, total) = try await users.listAndCount(
                    where: User.columns.loginCount > 2, orderBy: [User.columns.loginCount.ascending], limit: 3, offset: 3)
                #expect(items.map(\.loginCount) == [6, 7] && total == 5)
                let beyond = try await users.listAndCount(limit: 5, offset: 100)
                #expect(beyond.items.isEmpty && beyond.total == 7)
                let none = try await users.listAndCount(limit: 0)
                #expect(none.items.isEmpty && none.total == 7)
                let nothing = try await users.listAndCount(where: User.columns.loginCount > 100)
                #expect(nothing.items.isEmpty && nothing.total == 0)
                #expect(try await !users.exists(where: User.columns.loginCount > 100))
            }
        }
    }
}
