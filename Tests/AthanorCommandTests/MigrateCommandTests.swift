import ArgumentParser
import AthanorCompilerIO
import Foundation
import Testing
@testable import athanor

/// `athanor migrate diff` and `athanor migrate check` (no URL): files written, exit statuses.
@Suite struct MigrateCommandTests {
    let commands = CommandTests()

    func folders(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    @Test func diffWritesTheNextMigrationAndCheckFollowsIt() throws {
        try commands.withTemporaryFolder { root in
            let schema = root.appending(path: "App.schema")
            let migrations = root.appending(path: "migrations")
            try Data("model User: UUIDBase {\n email: String @unique\n nickname: String?\n}\n".utf8).write(to: schema)
            let dir = ["--migrations", migrations.path]

            #expect(commands.exitCode(["migrate", "check", schema.path] + dir) == 1, "no migration yet: one is missing")
            #expect(commands.exitCode(["migrate", "diff", "create_users", schema.path] + dir) == 0)
            let first = try #require(folders(migrations).first)
            #expect(first.hasSuffix("_create_users"))
            #expect(folders(migrations.appending(path: first)) == ["checksums", "cockroachdb.sql", "postgresql.sql", "snapshot.json"])
            #expect(commands.exitCode(["migrate", "check", schema.path] + dir) == 0)

            #expect(commands.exitCode(["migrate", "diff", "again", schema.path] + dir) == 0, "nothing to migrate")
            #expect(folders(migrations).count == 1, "nothing to migrate writes no folder")

            try Data("model User: UUIDBase {\n email: String @unique\n nickname: String?\n age: Int32 = 0\n}\n".utf8).write(to: schema)
            #expect(commands.exitCode(["migrate", "check", schema.path] + dir) == 1)
            #expect(commands.exitCode(["migrate", "diff", "add_age", schema.path] + dir) == 0)
            #expect(folders(migrations).count == 2)
            #expect(folders(migrations).last?.hasSuffix("_add_age") == true)
            let sql = try String(contentsOf: migrations.appending(path: folders(migrations)[1]).appending(path: "postgresql.sql"), encoding: .utf8)
            #expect(sql.contains("ALTER TABLE \"user\" ADD COLUMN age INTEGER NOT NULL DEFAULT 0;"))

            try Data("model User: UUIDBase {\n email: String @unique\n age: Int32 = 0\n}\n".utf8).write(to: schema)
            #expect(commands.exitCode(["migrate", "diff", "drop_nickname", schema.path] + dir) == 1, "destructive without consent")
            #expect(folders(migrations).count == 2)
            #expect(commands.exitCode(["migrate", "diff", "drop_nickname", schema.path, "--allow-destructive"] + dir) == 0)
            #expect(folders(migrations).count == 3)
            #expect(commands.exitCode(["migrate", "check", schema.path] + dir) == 0)

            let edited = migrations.appending(path: first).appending(path: "postgresql.sql")
            try Data("-- edited\n".utf8).write(to: edited)
            #expect(commands.exitCode(["migrate", "check", schema.path] + dir) == 1, "an edited migration fails the check")
        }
    }

    @Test func schemaErrorsBadNamesAndEmptyMigrations() throws {
        try commands.withTemporaryFolder { root in
            let schema = root.appending(path: "App.schema")
            let migrations = root.appending(path: "m")
            let dir = ["--migrations", migrations.path]
            try Data("model User: UUIDBase {\n email: Strng\n}\n".utf8).write(to: schema)
            #expect(commands.exitCode(["migrate", "diff", "x", schema.path] + dir) == 1)
            #expect(commands.exitCode(["migrate", "check", schema.path] + dir) == 1)
            #expect(commands.exitCode(["migrate", "diff", "x", root.appending(path: "nope.schema").path] + dir) == 2)
            try Data("enum E { a\n b }\nmodel User: UUIDBase {\n e: E\n}\n".utf8).write(to: schema)
            #expect(commands.exitCode(["migrate", "diff", "bad name!", schema.path] + dir) != 0)
            #expect(commands.exitCode(["migrate", "diff", "init", schema.path] + dir) == 0)
            try Data("enum E { a }\nmodel User: UUIDBase {\n e: E\n}\n".utf8).write(to: schema)
            #expect(commands.exitCode(["migrate", "diff", "drop_b", schema.path, "--allow-destructive"] + dir) == 1,
                    "an enum losing a value cannot be written, even with consent")
            #expect(commands.exitCode(["migrate", "diff", "drop_b", schema.path, "--empty"] + dir) == 0)
            #expect(folders(migrations).count == 2)
            #expect(commands.exitCode(["migrate", "check", schema.path] + dir) == 0, "the hand-written migration's snapshot is the schema")
        }
    }

    @Test func idsSortAfterTheLastEvenWhenTheClockIsBehind() {
        let last = MigrationFolder(id: "20991231_235959_future", path: "", sql: [.postgresql: ""], snapshot: nil, checksums: nil)
        let id = MigrationsDirectory.nextID(name: "next", at: Date(timeIntervalSince1970: 0), after: [last])
        #expect(id == "21000101_000000_next")
        #expect(MigrationsDirectory.nextID(name: "a", at: Date(timeIntervalSince1970: 86_400), after: []) == "19700102_000000_a")
    }
}
