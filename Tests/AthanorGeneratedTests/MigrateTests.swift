import Athanor
import AthanorTesting
import Foundation
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// `AthanorSchema.migrate(on:)`: the plugin embeds `Tests/ShopFixture/migrations/`, byte for
    /// byte, and applying it gives the database `createTables` gives.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct MigrateTests {
        static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "ShopFixture/migrations")

        @Test func theEmbeddedMigrationsAreTheFolder() throws {
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
            #expect(AthanorSchema.migrations.map(\.id) == names)
            for migration in AthanorSchema.migrations {
                for dialect in SQLDialect.allCases {
                    let text = try String(contentsOf: Self.folder.appending(path: migration.id).appending(path: "\(dialect.rawValue).sql"),
                                          encoding: .utf8)
                    #expect(migration.sql[dialect] == text)
                    #expect(migration.checksum(for: dialect) == SHA256.hex(of: text))
                }
            }
        }

        @Test func migrateGivesTheDatabaseThatCreateTablesGives() async throws {
            try await TestDatabase.with(.empty, mode: .database) { migrated in
                try await TestDatabase.with(.empty, mode: .database) { created in
                    let migratedPool = ConnectionPool(url: migrated.url, configuration: PoolConfiguration(size: 1))
                    let createdPool = ConnectionPool(url: created.url, configuration: PoolConfiguration(size: 1))
                    let report = try await AthanorSchema.migrate(on: migratedPool)
                    #expect(report.applied.map(\.id) == AthanorSchema.migrations.map(\.id))
                    #expect(try await AthanorSchema.migrate(on: migratedPool).applied.isEmpty)
                    try await AthanorSchema.createTables(on: createdPool)
                    let expected = try await DatabaseCatalog.read(on: createdPool)
                    let actual = try await DatabaseCatalog.read(on: migratedPool)
                    #expect(actual.differences(from: expected) == [])
                    #expect(expected.tables.count == 4)
                    let drift = try await SchemaDrift.differences(expecting: AthanorSchema.script(for: .postgresql).statements, on: migratedPool)
                    #expect(drift == [])
                    await migratedPool.close()
                    await createdPool.close()
                }
            }
        }
    }
}
