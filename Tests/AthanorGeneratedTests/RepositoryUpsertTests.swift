import Athanor
import Foundation
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// upsert / upsertMany on single and composite match keys, in both forms.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryUpsertTests {
        @Test(arguments: Form.allCases)
        func upsertOnAUniqueKeyKeepsIDAndCreatedAtAndMovesUpdatedAt(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                let first = try await users.upsert(User(email: "lin@example.com", name: "Lin"), matching: .email)
                try await Task.sleep(for: .milliseconds(20))
                let second = try await users.upsert(User(email: "lin@example.com", name: "Lin Y.", roles: ["x"]), matching: .email)
                #expect(second.id == first.id && second.createdAt == first.createdAt)
                #expect(second.updatedAt > first.updatedAt)
                #expect(second.name == "Lin Y." && second.roles == ["x"])
                var byID = second
                byID.email = "lin@new.example.com"
                let third = try await users.upsert(byID, matching: .id)
                #expect(third.id == first.id && third.email == "lin@new.example.com" && third.createdAt == first.createdAt)
                #expect(try await users.count() == 1)
            }
        }

        @Test(arguments: Form.allCases)
        func upsertOnACompositeKey(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let customer = try await form.repository(pool, of: User.self).create(User(email: "c@example.com", name: "C"))
                let orders = form.repository(pool, of: Order.self)
                let placed = try await orders.upsert(Order(customerID: customer.id, externalRef: "R-1", totalCents: 500), matching: .customerIDExternalRef)
                let paid = try await orders.upsert(
                    Order(customerID: customer.id, externalRef: "R-1", totalCents: 500, status: .paid, note: "paid by card"),
                    matching: .customerIDExternalRef)
                #expect(paid.id == placed.id && paid.status == .paid && paid.note == "paid by card")
                #expect(try await orders.call(
                    { try await $0.find(customerID: customer.id, externalRef: "R-1") }, { try $0.find(customerID: customer.id, externalRef: "R-1") }) == paid)
                let many = try await orders.upsertMany(
                    (1...3).map { Order(customerID: customer.id, externalRef: "R-\($0)", totalCents: Int64($0), status: .shipped) },
                    matching: .customerIDExternalRef)
                #expect(many.count == 3 && many.allSatisfy { $0.status == .shipped })
                #expect(try await orders.count() == 3)
                #expect(try await orders.get(placed.id).totalCents == 1)
            }
        }

        /// Known issue #2: a value without its database-assigned id cannot match on `.id`.
        @Test(arguments: Form.allCases)
        func upsertOnIDWithoutAnIDIsAClientSideMisuse(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let events = form.repository(pool, of: AuditEvent.self)
                let event = AuditEvent(action: "login", payload: JSONB(json: "{}"))
                try await Self.expectMisuse(naming: "AuditEvent") { _ = try await events.upsert(event, matching: .id) }
                let stored = try await events.create(event)
                try await Self.expectMisuse(naming: "AuditEvent") { _ = try await events.upsertMany([stored, event], matching: .id) }
                var renamed = stored
                renamed.action = "logout"
                #expect(try await events.upsert(renamed, matching: .id).action == "logout")
                #expect(try await events.count() == 1)
            }
        }

        static func expectMisuse(naming model: String, _ body: () async throws -> Void) async rethrows {
            do {
                try await body()
                Issue.record("expected a misuse error")
            } catch let error as AthanorError {
                guard case .misuse(let text) = error else { Issue.record("not a misuse: \(error)"); return }
                #expect(text.contains(model))
            }
        }

        @Test(arguments: Form.allCases)
        func upsertManyKeepsArraysApart(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let products = form.repository(pool, of: Product.self, batchSize: 3)
                let items = (0..<10).map { index in
                    Product(sku: "SKU-\(index)", title: "Item \(index)", priceCents: Int64(index * 100),
                            tags: Array(repeating: "t\(index)", count: index % 4))
                }
                let stored = try await products.upsertMany(items, matching: .sku)
                #expect(stored.map(\.tags) == items.map(\.tags))
                let again = try await products.upsertMany(items.map { var item = $0; item.tags.append("new"); return item }, matching: .sku)
                #expect(again.map(\.id) == stored.map(\.id))
                #expect(again.allSatisfy { $0.tags.last == "new" })
            }
        }
    }
}
