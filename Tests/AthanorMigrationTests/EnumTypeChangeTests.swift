@testable import Athanor
import AthanorCompiler
import Foundation
import Testing

/// Type changes between enums and text on a server, with rows: enum to another enum goes through
/// text, text to enum and enum to text cast directly, and the values are kept.
@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct EnumTypeChangeTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "AthanorCompilerTests/MigrationGolden/enum-type-changes")

    @Test func enumToEnumToTextAndBackKeepTheValues() async throws {
        let before = try String(contentsOf: Self.folder.appending(path: "before.schema"), encoding: .utf8)
        let after = try String(contentsOf: Self.folder.appending(path: "after.schema"), encoding: .utf8)
        try await TestDatabase.with { db in
            let pool = ConnectionPool(url: db.url, configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
            var chain = MigrationChain()
            _ = try chain.next(before, name: "before")
            try await chain.applyAndCompare(before, on: pool)
            try await pool.execute("INSERT INTO paint (colour, tint, legacy) VALUES ('green', 'blue', 'red'), ('red', NULL, NULL)", [])
            _ = try chain.next(after, name: "after")
            try await chain.applyAndCompare(after, on: pool)
            let rows = try await pool.query("SELECT colour::TEXT || '/' || COALESCE(tint::TEXT, '-') || '/' || COALESCE(legacy, '-') FROM paint ORDER BY 1",
                                            [], idempotent: true)
            #expect(try rows.map { try $0.decode(String.self, at: 0) } == ["green/blue/red", "red/-/-"])
            await pool.close()
        }
    }

    @Test func theCatalogComparisonNamesEachDifferenceAndIgnoresHiddenColumns() {
        let expected = DatabaseCatalog(enums: ["e": ["a", "b"]], tables: [
            "t": .init(columns: ["id": "uuid NOT NULL", "x": "text"], constraints: ["t_pkey": "PRIMARY KEY (id)"]),
        ])
        let actual = DatabaseCatalog(enums: ["e": ["a"]], tables: [
            "t": .init(columns: ["id": "uuid NOT NULL", "x": "bigint"], indexes: ["t_x_idx": "USING btree (x)"]),
            "u": .init(),
        ])
        #expect(actual.differences(from: expected) == [
            "enum e: a (expected: a, b)",
            "table t: column x: bigint (expected: text)",
            "table t: constraint t_pkey: missing (expected: PRIMARY KEY (id))",
            "table t: index t_x_idx: not in the schema (found: USING btree (x))",
            "table u: not in the schema",
        ])
        #expect(DatabaseCatalog.isHidden("crdb_internal_created_at_shard_16"))
        #expect(DatabaseCatalog.isHidden("rowid"))
        #expect(!DatabaseCatalog.isHidden("crdb_notes"))
    }
}
