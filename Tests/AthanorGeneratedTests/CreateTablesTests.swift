import Athanor
import AthanorTesting
import Foundation
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// Known issue #6: `AthanorSchema.createTables` names the failed statement, like `athanor apply`.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct CreateTablesTests {
        @Test func aFailedStatementIsNamedAndNothingIsApplied() async throws {
            try await TestDatabase.with(.empty, mode: .database) { database in
                let pool = ConnectionPool(url: database.url, configuration: PoolConfiguration(size: 1))
                // The last table already exists: every earlier statement ran and must be rolled back.
                try await pool.withConnection { try await $0.executeScript("CREATE TABLE audit_events (x int)") }
                do {
                    try await AthanorSchema.createTables(on: pool)
                    Issue.record("expected a DDLStatementError")
                } catch let error as DDLStatementError {
                    #expect(error.number > 1 && error.number <= error.count)
                    #expect(error.firstLine == "CREATE TABLE audit_events (")
                    #expect(error.underlying.sqlState?.rawValue == "42P07")
                    #expect(error.description.hasPrefix(
                        "statement \(error.number) of \(error.count) failed, nothing was applied: CREATE TABLE audit_events ("))
                    #expect(String(reflecting: error).contains("already exists"))
                }
                let users = try await pool.withConnection { try await $0.query("SELECT to_regclass('users') IS NULL") }
                #expect(try users[0].decode(Bool.self, at: 0))
                await pool.close()
            }
        }

        @Test func twiceFailsOnTheFirstStatement() async throws {
            try await ShopDatabase.with { pool in
                do {
                    try await AthanorSchema.createTables(on: pool)
                    Issue.record("expected a DDLStatementError")
                } catch let error as DDLStatementError {
                    #expect(error.number == 1 && error.description.contains("nothing was applied: CREATE TYPE"))
                }
                #expect(try await UserRepository(pool).count() == 0)
            }
        }
    }
}
