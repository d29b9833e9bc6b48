import Athanor
import Foundation
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// Every type of the reference schema round-trips through the generated code, in both forms.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryTypesTests {
        @Test(arguments: Form.allCases)
        func everyColumnTypeWithValues(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let products = form.repository(pool, of: Product.self)
                let full = Product(
                    sku: "FULL", title: "Everything — ünïcode", priceCents: 123_456_789_012, weightGrams: -7, ratio: 0.125,
                    amount: Decimal(string: "12345678901234567890.0123456789"), active: false,
                    thumbnail: Data([0, 1, 2, 255]), attributes: JSONB(json: #"{"color": "red", "sizes": [1, 2]}"#),
                    tags: ["a", "", "with space", "quote\"", "back\\slash", "{braces}", "NULL"])
                let stored = try await products.create(full)
                #expect(stored.sku == full.sku && stored.title == full.title && stored.priceCents == full.priceCents)
                #expect(stored.weightGrams == -7 && stored.ratio == 0.125 && stored.amount == full.amount && stored.active == false)
                #expect(stored.thumbnail == full.thumbnail && stored.tags == full.tags)
                let attributes = try #require(stored.attributes).decode([String: JSONValue].self)
                #expect(attributes["color"] == .string("red"))
                #expect(try await products.get(stored.id) == stored)
            }
        }

        @Test(arguments: Form.allCases)
        func everyNullableColumnAsNull(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let stored = try await form.repository(pool, of: Product.self).create(Product(sku: "EMPTY", title: "Nothing", priceCents: 0))
                #expect(stored.weightGrams == nil && stored.ratio == nil && stored.amount == nil)
                #expect(stored.thumbnail == nil && stored.attributes == nil && stored.tags.isEmpty && stored.active)
            }
        }

        @Test(arguments: Form.allCases)
        func enumsAndJSONDefaults(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let user = try await form.repository(pool, of: User.self).create(User(email: "e@example.com", name: "E"))
                #expect(try user.preferences.decode([String: Int].self).isEmpty)
                let orders = form.repository(pool, of: Order.self)
                for status in OrderStatus.allCases {
                    try await orders.create(Order(customerID: user.id, externalRef: status.rawValue, totalCents: 1, status: status))
                }
                let shipped = try await orders.list(where: Order.columns.status == .shipped)
                #expect(shipped.map(\.externalRef) == ["shipped"])
                let open = try await orders.list(where: Order.columns.status.in([.pending, .paid]), orderBy: [Order.columns.externalRef.ascending])
                #expect(open.map(\.status) == [.paid, .pending])
                #expect(try await orders.count(where: Order.columns.status.notIn([.cancelled])) == 3)
            }
        }
    }
}

/// Enough of JSON to look inside a jsonb value in a test.
enum JSONValue: Decodable, Equatable {
    case string(String)
    case number(Double)
    case array([JSONValue])
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .other
        }
    }
}
