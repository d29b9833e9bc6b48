import Athanor
@testable import AthanorTesting
import Foundation
import ShopFixture
import Testing

extension TestSchema {
    /// ShopFixture with its embedded migrations: applied, by default.
    static let shopFixtureMigrated = TestSchema("ShopFixture", ddl: AthanorSchema.script(for:), migrations: AthanorSchema.migrations)
    /// The same, built from the DDL by choice.
    static let shopFixtureFromDDL = TestSchema("ShopFixture", ddl: AthanorSchema.script(for:), migrations: AthanorSchema.migrations,
                                               preparation: .ddl)
}

/// ``TestSchema/prepare(_:)`` applies the generated schema type's migrations when it has any
/// (the test database then has what production will have), the DDL otherwise or by choice.
@Suite struct TestSchemaPreparationTests {
    @Test func migrationsAreChosenWhenThereAreAnyUnlessTheDDLIsAskedFor() {
        #expect(!AthanorSchema.migrations.isEmpty, "ShopFixture embeds its migrations/ folder")
        #expect(TestSchema.shopFixtureMigrated.appliesMigrations)
        #expect(!TestSchema.shopFixtureFromDDL.appliesMigrations)
        #expect(!TestSchema.shopFixture.appliesMigrations, "no migrations given: the DDL")
        #expect(TestSchema.shopFixtureMigrated.fingerprint != TestSchema.shopFixtureFromDDL.fingerprint,
                "the template cache keeps a migrated and a DDL-built copy apart")
        #expect(TestSchema.shopFixtureFromDDL.fingerprint == TestSchema.shopFixture.fingerprint)
    }

    /// Every mode, both preparations: the tables are usable, and only the migrated database has
    /// the history table, with each migration recorded once.
    @Test(.tags(.postgres), arguments: TestDatabaseMode.allCases, [TestSchema.Preparation.automatic, .ddl])
    func eachModePreparesByTheChosenPath(mode: TestDatabaseMode, preparation: TestSchema.Preparation) async throws {
        let schema = preparation == .automatic ? TestSchema.shopFixtureMigrated : .shopFixtureFromDDL
        try await TestDatabase.with(schema, mode: mode) { db in
            let users = UserRepository(db.executor)
            #expect(try await users.count() == 0)
            _ = try await users.create(User(email: "ada@example.com", name: "Ada"))
            #expect(try await users.count() == 1)
            let history = try await db.pool.query("SELECT to_regclass('athanor_migrations') IS NOT NULL", [], idempotent: true)
            let hasHistory = try history[0].decode(Bool.self, at: 0)
            #expect(hasHistory == (preparation == .automatic))
            if hasHistory {
                let ids = try await db.pool.query("SELECT id FROM athanor_migrations ORDER BY id", [], idempotent: true)
                #expect(try ids.map { try $0.decode(String.self, at: 0) } == AthanorSchema.migrations.map(\.id).sorted())
            }
        }
    }
}
