import Athanor
import Foundation
import SchemaExamplesFixture
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// Writes that touch only what they mean to: partial updates, upserts updating chosen
    /// columns, `now` defaults kept on a conflict, and `@version` (optimistic concurrency), on a
    /// real server, each test body in both forms.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryPartialWriteTests {
        @Test(arguments: Form.allCases)
        func updateSetsOnlyTheNamedColumnsAndIncrementsAtomically(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                let ada = try await users.create(User(email: "ada@example.com", name: "Ada", nickname: "countess"))
                try await Task.sleep(for: .milliseconds(5))
                let renamed = try await users.update(ada.id, set: [User.columns.name.set("Ada L."), User.columns.nickname.set(nil),
                                                                 User.columns.loginCount.increment(by: 2)])
                #expect(renamed.name == "Ada L." && renamed.nickname == nil && renamed.loginCount == 2)
                #expect(renamed.email == ada.email && renamed.createdAt == ada.createdAt && renamed.updatedAt > ada.updatedAt)
                // 20 concurrent increments: each counts (the increment happens in the database).
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<20 { group.addTask { try await users.update(ada.id, set: [User.columns.loginCount.increment(by: 1)]) } }
                    try await group.waitForAll()
                }
                #expect(try await users.get(ada.id).loginCount == 22)
                await #expect(throws: RecordNotFound.self) { try await users.update(UUID(), set: [User.columns.name.set("x")]) }
                // An enum column's parameter is cast to the enum type.
                let orders = form.repository(pool, of: Order.self)
                let order = try await orders.create(Order(customerID: ada.id, externalRef: "A-1", totalCents: 100))
                #expect(try await orders.update(order.id, set: [Order.columns.status.set(.paid)]).status == .paid)
            }
        }

        @Test(arguments: Form.allCases)
        func updateWhereReturnsTheCount(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                try await users.createMany((0..<5).map { User(email: "u\($0)@example.com", name: "U\($0)", loginCount: Int64($0)) })
                let count = try await users.updateWhere(User.columns.loginCount >= 3, set: [User.columns.loginCount.increment(by: 10),
                                                                                          User.columns.roles.set(["busy"])])
                #expect(count == 2)
                #expect(try await users.list(orderBy: [User.columns.email.ascending]).map(\.loginCount) == [0, 1, 2, 13, 14])
                #expect(try await users.count(where: User.columns.roles == ["busy"]) == 2)
                #expect(try await users.updateWhere(User.columns.email == "nobody", set: [User.columns.name.set("x")]) == 0)
            }
        }

        @Test(arguments: Form.allCases)
        func upsertUpdatesTheChosenColumnsAndKeepsNowDefaults(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                let ada = try await users.create(User(email: "ada@example.com", name: "Ada", loginCount: 5))
                // Only `name` on a conflict: loginCount keeps 5.
                let upserted = try await users.upsert(User(email: "ada@example.com", name: "Ada L.", loginCount: 0),
                                                      matching: .email, updating: [User.columns.name])
                #expect(upserted.id == ada.id && upserted.name == "Ada L." && upserted.loginCount == 5)
                // Nothing chosen: the row comes back as it was (updatedAt moved).
                let untouched = try await users.upsert(User(email: "ada@example.com", name: "Other"), matching: .email, updating: [])
                #expect(untouched.name == "Ada L." && untouched.updatedAt >= upserted.updatedAt)
                let many = try await users.upsertMany(
                    [User(email: "ada@example.com", name: "A", loginCount: 9), User(email: "bob@example.com", name: "Bob", loginCount: 9)],
                    matching: .email, updating: [User.columns.loginCount])
                #expect(many.map(\.name).sorted() == ["Ada L.", "Bob"] && many.allSatisfy { $0.loginCount == 9 })

                // A `now` default (Order.placedAt) is kept on a conflict unless named.
                let orders = form.repository(pool, of: Order.self)
                let placed = Date(timeIntervalSince1970: 1_700_000_000)
                let order = try await orders.create(Order(customerID: ada.id, externalRef: "A-1", totalCents: 100, placedAt: placed))
                let again = try await orders.upsert(Order(customerID: ada.id, externalRef: "A-1", totalCents: 250), matching: .customerIDExternalRef)
                #expect(again.id == order.id && again.totalCents == 250 && again.placedAt == placed)
                let againMany = try await orders.upsertMany([Order(customerID: ada.id, externalRef: "A-1", totalCents: 300)],
                                                            matching: .customerIDExternalRef)
                #expect(againMany.map(\.placedAt) == [placed])
                let moved = Date(timeIntervalSince1970: 1_800_000_000)
                let asked = try await orders.upsert(Order(customerID: ada.id, externalRef: "A-1", totalCents: 1, placedAt: moved),
                                                    matching: .customerIDExternalRef, updating: [Order.columns.placedAt])
                #expect(asked.placedAt == moved && asked.totalCents == 300)
            }
        }

        @Test(arguments: Form.allCases)
        func versionIsCheckedAndIncremented(_ form: Form) async throws {
            try await GeneratedCodeOnTheServer.SchemaExamplesTests.with { pool in
                let pages = form.repository(pool, of: Page.self)
                let page = try await pages.create(Page(slug: "home", title: "Home"))
                #expect(page.version == 0)
                var edited = page
                edited.title = "Welcome"
                let saved = try await pages.update(edited)
                #expect(saved.version == 1 && saved.title == "Welcome")
                // The same stale value again: a conflict naming the row, nothing written.
                edited.title = "Stale"
                do {
                    try await pages.update(edited)
                    Issue.record("a stale update was written")
                } catch AthanorError.versionConflict(let conflict) {
                    #expect(conflict == VersionConflict(model: "Page", id: "\(page.id)", expectedVersion: 0, currentVersion: 1))
                    #expect(conflict.description == "stale Page \(page.id): written at version 0, the row is at version 1")
                }
                #expect(try await pages.get(page.id).title == "Welcome")
                // A missing row is still RecordNotFound.
                await #expect(throws: RecordNotFound.self) { try await pages.update(Page(slug: "none", title: "None")) }
                // Partial updates increment it too.
                #expect(try await pages.update(page.id, set: [Page.columns.views.increment(by: 1)]).version == 2)

                // Upsert: the value's version must be the row's.
                var current = try await pages.get(page.id)
                current.title = "Upserted"
                let upserted = try await pages.upsert(current, matching: .slug)
                #expect(upserted.version == 3 && upserted.title == "Upserted")
                do {
                    try await pages.upsert(Page(slug: "home", title: "Fresh"), matching: .slug)
                    Issue.record("a stale upsert was written")
                } catch AthanorError.versionConflict(let conflict) {
                    #expect(conflict.id == "\(page.id)" && conflict.expectedVersion == 0 && conflict.currentVersion == 3)
                }

                // Bulk: one stale value fails the whole call; nothing is written.
                let other = try await pages.create(Page(slug: "about", title: "About"))
                var fresh = other
                fresh.title = "About us"
                var stale = upserted
                stale.version = 0
                stale.title = "Stale"
                do {
                    try await pages.updateMany([fresh, stale])
                    Issue.record("a stale updateMany was written")
                } catch AthanorError.versionConflict(let conflict) {
                    #expect(conflict.id == "\(page.id)" && conflict.expectedVersion == 0)
                }
                do {
                    try await pages.upsertMany([fresh, stale], matching: .slug)
                    Issue.record("a stale upsertMany was written")
                } catch AthanorError.versionConflict(let conflict) {
                    #expect(conflict.expectedVersion == 0)
                }
                #expect(try await pages.get(other.id).title == "About")
                #expect(try await pages.get(page.id).title == "Upserted")
                #expect(try await pages.updateMany([fresh]).map(\.version) == [1])
            }
        }
    }
}
