import ArgumentParser
import Athanor
import AthanorCompilerIO
import Foundation
import Testing
@testable import athanor

/// `athanor migrate diff|check|apply|status`: files written, exit statuses, and on a server the
/// whole workflow (diff, apply, status, drift).
@Suite struct MigrateCommandTests {
    let commands = CommandTests()
    let runner = GenerateApplyCommandTests()

    func exitCode(_ arguments: [String]) async -> Int32 { await runner.exitCode(arguments) }

    func folders(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    @Test func diffWritesTheNextMigrationAndCheckFollowsIt() async throws {
        try await runner.withFolder { root in
            let schema = root.appending(path: "App.schema")
            let migrations = root.appending(path: "migrations")
            try Data("model User: UUIDBase {\n email: String @unique\n nickname: String?\n}\n".utf8).write(to: schema)
            let dir = ["--migrations", migrations.path]

            #expect(await exitCode(["migrate", "check", schema.path] + dir) == 1, "no migration yet: one is missing")
            #expect(await exitCode(["migrate", "diff", "create_users", schema.path] + dir) == 0)
            let first = try #require(folders(migrations).first)
            #expect(first.hasSuffix("_create_users"))
            #expect(folders(migrations.appending(path: first)) == ["checksums", "cockroachdb.sql", "postgresql.sql", "snapshot.json"])
            #expect(await exitCode(["migrate", "check", schema.path] + dir) == 0)

            #expect(await exitCode(["migrate", "diff", "again", schema.path] + dir) == 0, "nothing to migrate")
            #expect(folders(migrations).count == 1, "nothing to migrate writes no folder")

            try Data("model User: UUIDBase {\n email: String @unique\n nickname: String?\n age: Int32 = 0\n}\n".utf8).write(to: schema)
            #expect(await exitCode(["migrate", "check", schema.path] + dir) == 1)
            #expect(await exitCode(["migrate", "diff", "add_age", schema.path] + dir) == 0)
            #expect(folders(migrations).count == 2)
            #expect(folders(migrations).last?.hasSuffix("_add_age") == true)
            let sql = try String(contentsOf: migrations.appending(path: folders(migrations)[1]).appending(path: "postgresql.sql"), encoding: .utf8)
            #expect(sql.contains("ALTER TABLE \"user\" ADD COLUMN age INTEGER NOT NULL DEFAULT 0;"))

            try Data("model User: UUIDBase {\n email: String @unique\n age: Int32 = 0\n}\n".utf8).write(to: schema)
            #expect(await exitCode(["migrate", "diff", "drop_nickname", schema.path] + dir) == 1, "destructive without consent")
            #expect(folders(migrations).count == 2)
            #expect(await exitCode(["migrate", "diff", "drop_nickname", schema.path, "--allow-destructive"] + dir) == 0)
            #expect(folders(migrations).count == 3)
            #expect(await exitCode(["migrate", "check", schema.path] + dir) == 0)

            let edited = migrations.appending(path: first).appending(path: "postgresql.sql")
            try Data("-- edited\n".utf8).write(to: edited)
            #expect(await exitCode(["migrate", "check", schema.path] + dir) == 1, "an edited migration fails the check")
        }
    }

    @Test func schemaErrorsBadNamesAndEmptyMigrations() async throws {
        try await runner.withFolder { root in
            let schema = root.appending(path: "App.schema")
            let migrations = root.appending(path: "m")
            let dir = ["--migrations", migrations.path]
            try Data("model User: UUIDBase {\n email: Strng\n}\n".utf8).write(to: schema)
            #expect(await exitCode(["migrate", "diff", "x", schema.path] + dir) == 1)
            #expect(await exitCode(["migrate", "check", schema.path] + dir) == 1)
            #expect(await exitCode(["migrate", "diff", "x", root.appending(path: "nope.schema").path] + dir) == 2)
            try Data("enum E { a\n b }\nmodel User: UUIDBase {\n e: E\n}\n".utf8).write(to: schema)
            #expect(await exitCode(["migrate", "diff", "bad name!", schema.path] + dir) != 0)
            #expect(await exitCode(["migrate", "diff", "init", schema.path] + dir) == 0)
            try Data("enum E { a }\nmodel User: UUIDBase {\n e: E\n}\n".utf8).write(to: schema)
            #expect(await exitCode(["migrate", "diff", "drop_b", schema.path, "--allow-destructive"] + dir) == 1,
                    "an enum losing a value cannot be written, even with consent")
            #expect(await exitCode(["migrate", "diff", "drop_b", schema.path, "--empty"] + dir) == 0)
            #expect(folders(migrations).count == 2)
            #expect(await exitCode(["migrate", "check", schema.path] + dir) == 0, "the hand-written migration's snapshot is the schema")
        }
    }

    /// `migrate status` as a new user reads it: each line says what it is, the migration an
    /// apply would stop at says why, and the last line says what to run next.
    @Test func statusMarksTheMigrationAnApplyWouldStopAtAndSaysWhatToRun() {
        func row(_ id: String, applied: Int = 2, total: Int = 2) -> AppliedMigration {
            AppliedMigration(id: id, name: "x", checksum: "c", appliedAt: applied == total ? "2026-12-04 09:31:02+00" : nil,
                             durationMilliseconds: 41, statementsApplied: applied, statementsTotal: total, appliedChecksum: nil)
        }
        let pending = MigrateStatusCommand.lines(MigrationStatus(applied: [row("1_a")], pending: ["2_b"], problem: nil))
        #expect(pending == ["applied  1_a  2026-12-04 09:31:02+00  2 statements  41 ms", "pending  2_b",
                            "1 applied, 1 pending: run 'athanor migrate apply' to apply it"])
        let partial = MigrateStatusCommand.lines(MigrationStatus(applied: [row("1_a", applied: 1, total: 3)], pending: ["1_a"], problem: nil))
        #expect(partial == ["partial  1_a  1 of 3 statements ran; apply resumes at statement 2",
                            "0 applied, 1 pending: run 'athanor migrate apply' to apply it"])
        let edited = MigrateStatusCommand.lines(MigrationStatus(applied: [row("1_a"), row("2_b")], pending: [],
                                                                problem: .checksumChanged(id: "1_a", recorded: "c", current: "d")))
        #expect(edited.first?.hasSuffix("EDITED since it was applied (its checksum differs)") == true)
        #expect(edited[1].hasSuffix("41 ms"), "only the edited one is marked")
        #expect(edited.last == "2 applied, 0 pending: 'athanor migrate apply' would refuse to run (see the error)")
        let ahead = MigrateStatusCommand.lines(MigrationStatus(applied: [row("1_a"), row("9_z")], pending: [],
                                                               problem: .databaseAhead(unknown: ["9_z"])))
        #expect(ahead[1].hasSuffix("NOT IN THE FOLDER (applied by other code)"))
        let gap = MigrateStatusCommand.lines(MigrationStatus(applied: [row("3_c")], pending: ["2_b"], problem: .gap(pending: "2_b", appliedAfter: "3_c")))
        #expect(gap[1] == "pending  2_b  OUT OF ORDER (sorts before an applied migration)")
        let current = MigrateStatusCommand.lines(MigrationStatus(applied: [row("1_a")], pending: [], problem: nil))
        #expect(current.last == "1 applied, 0 pending: up to date")
    }

    /// Every `MigrationError` a person reads names the migration (when there is one) and says
    /// what to do next.
    @Test func migrationErrorsNameTheMigrationAndWhatToDo() {
        let errors: [(MigrationError, [String])] = [
            (.checksumChanged(id: "1_a", recorded: "c", current: "d"), ["1_a", "restore it"]),
            (.databaseAhead(unknown: ["9_z"]), ["9_z", "deploy the code"]),
            (.gap(pending: "2_b", appliedAfter: "3_c"), ["2_b", "3_c", "later id"]),
            (.missingDialect(id: "1_a", dialect: .cockroachdb), ["1_a", "cockroachdb.sql", "add the file"]),
            (.statementFailed(id: "1_a", number: 2, count: 3, statement: "ALTER TABLE t ADD x INT;\nmore", underlying: .misuse("boom")),
             ["1_a", "statement 2 of 3", "ALTER TABLE t ADD x INT;", "apply again"]),
            (.lockTimeout(seconds: 120), ["120", "apply again", "lockTimeout"]),
        ]
        for (error, parts) in errors {
            for part in parts { #expect(error.description.contains(part), "\(error.description) lacks '\(part)'") }
        }
    }

    @Test func idsSortAfterTheLastEvenWhenTheClockIsBehind() {
        let last = MigrationFolder(id: "20991231_235959_future", path: "", sql: [.postgresql: ""], snapshot: nil, checksums: nil)
        let id = MigrationsDirectory.nextID(name: "next", at: Date(timeIntervalSince1970: 0), after: [last])
        #expect(id == "21000101_000000_next")
        #expect(MigrationsDirectory.nextID(name: "a", at: Date(timeIntervalSince1970: 86_400), after: []) == "19700102_000000_a")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["ATHANOR_TEST_DATABASE_URL"] != nil || ProcessInfo.processInfo.environment["CI"] == "true"))
    func diffApplyStatusAndDriftOnAServer() async throws {
        let admin = try DatabaseURL(try #require(ProcessInfo.processInfo.environment["ATHANOR_TEST_DATABASE_URL"]))
        let name = "athanor_test_" + UUID().uuidString.lowercased().replacing("-", with: "")
        let connection = try await Connection.connect(to: admin)
        try await connection.executeScript("CREATE DATABASE \(SQLIdentifier.quoted(name))")
        var url = admin
        url.database = name
        let text = url.description
        try await runner.withFolder { root in
            let schema = root.appending(path: "App.schema")
            let dir = ["--migrations", root.appending(path: "migrations").path]
            try Data("model User: UUIDBase {\n table \"users\"\n email: String @unique\n}\n".utf8).write(to: schema)
            #expect(await exitCode(["migrate", "diff", "init", schema.path] + dir) == 0)
            #expect(await exitCode(["migrate", "status", "--url", text] + dir) == 0, "pending migrations are no problem")
            #expect(await exitCode(["migrate", "check", schema.path, "--url", text]) == 1, "an empty database drifted")
            #expect(await exitCode(["migrate", "apply", "--url", text] + dir) == 0)
            #expect(await exitCode(["migrate", "check", schema.path, "--url", text]) == 0)
            try Data("model User: UUIDBase {\n table \"users\"\n email: String @unique\n nickname: String?\n}\n".utf8).write(to: schema)
            #expect(await exitCode(["migrate", "diff", "nickname", schema.path] + dir) == 0)
            #expect(await exitCode(["migrate", "check", schema.path, "--url", text]) == 1, "not applied yet")
            #expect(await exitCode(["migrate", "apply", "--url", text] + dir) == 0)
            #expect(await exitCode(["migrate", "apply", "--url", text] + dir) == 0, "up to date")
            #expect(await exitCode(["migrate", "check", schema.path, "--url", text]) == 0)
            let database = try await Connection.connect(to: url)
            try await database.executeScript("ALTER TABLE users ALTER COLUMN nickname SET DEFAULT 'x'")
            #expect(await exitCode(["migrate", "check", schema.path, "--url", text]) == 1, "a default set by hand is drift")
            let migrations = root.appending(path: "migrations")
            let first = try #require(try FileManager.default.contentsOfDirectory(atPath: migrations.path).sorted().first)
            try Data("-- edited\nSELECT 1;\n".utf8).write(to: migrations.appending(path: first).appending(path: "postgresql.sql"))
            #expect(await exitCode(["migrate", "status", "--url", text] + dir) == 1, "an edited migration")
            #expect(await exitCode(["migrate", "apply", "--url", text] + dir) == 1)
            #expect(await exitCode(["migrate", "apply", "--url", "postgresql://127.0.0.1:1/none?connect_timeout=1"] + dir) == 3)
            database.close()
        }
        try await connection.executeScript("DROP DATABASE \(SQLIdentifier.quoted(name)) WITH (FORCE)")
    }
}
