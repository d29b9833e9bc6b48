import Athanor
import Foundation
import Testing

/// The golden Swift compiles (it is this target's `Generated/` folder) and its types behave.
@Suite struct GoldenConsumerTests {
    @Test func modelsBuildFromTheirRequiredFieldsOnly() {
        let user = User(email: "ada@example.com", name: "Ada")
        #expect(user.loginCount == 0 && user.roles.isEmpty && user.nickname == nil)
        let order = Order(customerID: user.id, externalRef: "A-1", totalCents: 1_250)
        #expect(order.status == .pending && order.currency == "EUR")
        let event = AuditEvent(action: "login", payload: JSONB(json: "{}"))
        #expect(event.id == nil)
    }

    @Test func matchKeysAreTheUniqueConstraints() {
        #expect(User.MatchKey.allCases.map(\.rawValue) == ["users_pkey", "users_email_key"])
        #expect(Order.MatchKey.allCases.map(\.rawValue) == ["orders_pkey", "orders_customer_id_external_ref_key"])
    }

    @Test func ddlOfBothDialects() {
        #expect(AthanorSchema.ddl(for: .postgresql).contains("CREATE TABLE users"))
        #expect(AthanorSchema.ddl(for: .cockroachdb).contains("USING HASH"))
    }
}

/// The golden Swift against a server: the checked-in files work, not just compile.
@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct GoldenConsumerServerTests {
    @Test func createUpsertAndReadBack() async throws {
        try await TestDatabase.with { database in
            let pool = ConnectionPool(url: database.url, configuration: PoolConfiguration(size: 2))
            do {
                try await AthanorSchema.createTables(on: pool)
                let users = UserRepository(pool)
                let ada = try await users.create(User(email: "ada@example.com", name: "Ada"))
                let again = try await users.upsert(User(email: "ada@example.com", name: "Ada L.", roles: ["x"]), matching: .email)
                #expect(again.id == ada.id && again.createdAt == ada.createdAt && again.roles == ["x"])
                let order = try await OrderRepository(pool).create(Order(customerID: ada.id, externalRef: "G-1", totalCents: 5))
                #expect(try await OrderRepository(pool).find(customerID: ada.id, externalRef: "G-1") == order)
            } catch {
                await pool.close()
                throw error
            }
            await pool.close()
        }
    }
}
