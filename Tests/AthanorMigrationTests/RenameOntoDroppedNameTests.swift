@testable import Athanor
import AthanorCompiler
import Foundation
import Testing

/// A table and a column renamed onto the names of a table and a column dropped in the same
/// migration (golden `rename-onto-dropped-name`): the drops run before the renames, in both modes,
/// the kept rows keep their values and the catalog is `createTables`'.
@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct RenameOntoDroppedNameTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "AthanorCompilerTests/MigrationGolden/rename-onto-dropped-name")

    @Test(arguments: [MigrationOptions.Mode.transactional, .perStatement])
    func dropsRunBeforeTheRenamesThatTakeTheirNames(mode: MigrationOptions.Mode) async throws {
        let before = try String(contentsOf: Self.folder.appending(path: "before.schema"), encoding: .utf8)
        let after = try String(contentsOf: Self.folder.appending(path: "after.schema"), encoding: .utf8)
        try await TestDatabase.with { db in
            let pool = ConnectionPool(url: db.url, configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
            let options = MigrationOptions(mode: mode)
            var chain = MigrationChain()
            _ = try chain.next(before, name: "before")
            try await chain.applyAndCompare(before, on: pool, options: options)
            for insert in ["INSERT INTO accounts (id, email, handle) VALUES ('00000000-0000-0000-0000-00000000000a', 'a@x', 'ada')",
                           "INSERT INTO members (id, handle, nickname, name) VALUES ('00000000-0000-0000-0000-00000000000b', 'gone', 'ada', 'Ada')",
                           "INSERT INTO note (id, account_id, body) VALUES ('00000000-0000-0000-0000-00000000000c', NULL, 'n')"] {
                try await pool.execute(insert, [])
            }
            let migration = try #require(try chain.next(after, name: "after"))
            let sql = try #require(migration.sql[.postgresql])
            let dropAccounts = try #require(sql.range(of: "DROP TABLE accounts;"))
            let renameMembers = try #require(sql.range(of: "ALTER TABLE members RENAME TO accounts;"))
            #expect(dropAccounts.lowerBound < renameMembers.lowerBound, "\(sql)")
            try await chain.applyAndCompare(after, on: pool, options: options)
            let rows = try await pool.query("SELECT handle || '/' || name FROM accounts", [], idempotent: true)
            #expect(try rows.map { try $0.decode(String.self, at: 0) } == ["ada/Ada"], "the renamed column keeps its values")
            let notes = try await pool.query("SELECT count(*) FROM note", [], idempotent: true)
            #expect(try notes[0].decode(Int64.self, at: 0) == 1)
            await pool.close()
        }
    }
}
