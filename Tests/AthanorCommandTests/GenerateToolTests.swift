import AthanorCompiler
import AthanorCompilerIO
import Foundation
import Testing
@testable import athanor_generate

/// `athanor-generate`, the plugins' tool: its hand-parsed command line, and both modes run in process.
@Suite struct GenerateToolTests {
    static let shop = CommandTests.shop

    @Test func swiftModeTakesOptionsInAnyOrder() throws {
        let parsed = try ToolInvocation.parse(["swift", "--output", "out", "a.schema", "--root", "r", "--template", "t1",
                                               "--quiet", "--template", "t2", "--", "--odd.schema"])
        #expect(parsed == .swift(paths: ["a.schema", "--odd.schema"], output: "out", root: "r", templates: ["t1", "t2"], quiet: true, migrations: nil))
        #expect(try ToolInvocation.parse(["swift", "a.schema", "--output", "out"])
            == .swift(paths: ["a.schema"], output: "out", root: nil, templates: [], quiet: false, migrations: nil))
    }

    @Test func migrateDiffModeTakesTheCommandPluginsArguments() throws {
        #expect(try ToolInvocation.parse(["migrate-diff", "add_x", "--migrations", "T/migrations", "--allow-destructive", "--", "T/a.schema"])
            == .migrateDiff(name: "add_x", paths: ["T/a.schema"], migrations: "T/migrations", allowDestructive: true, empty: false))
        #expect(try ToolInvocation.parse(["migrate-diff", "--empty", "x", "a.schema", "--migrations", "m"])
            == .migrateDiff(name: "x", paths: ["a.schema"], migrations: "m", allowDestructive: false, empty: true))
    }

    @Test func migrateDiffModeWritesTheMigration() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "athanor-tool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ToolInvocation.migrateDiff(name: "init", paths: [Self.shop], migrations: folder.path, allowDestructive: false, empty: false).run()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.count == 1 && names[0].hasSuffix("_init"))
        try ToolInvocation.migrateDiff(name: "again", paths: [Self.shop], migrations: folder.path, allowDestructive: false, empty: false).run()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 1, "nothing to migrate")
    }

    @Test func ddlModeNamesADialect() throws {
        #expect(try ToolInvocation.parse(["ddl", "--dialect", "cockroachdb", "--output", "x.sql", "a.schema"])
            == .ddl(paths: ["a.schema"], dialect: .cockroachdb, output: "x.sql"))
        #expect(try ToolInvocation.parse(["--help"]) == .help)
        #expect(try ToolInvocation.parse(["ddl", "-h"]) == .help)
    }

    @Test(arguments: [
        ([], "no mode given; the modes are swift, ddl and migrate-diff"),
        (["generate", "a.schema"], "unknown mode 'generate'; the modes are swift, ddl and migrate-diff"),
        (["migrate-diff", "x", "--migrations", "m"], "no schema files given"),
        (["migrate-diff", "bad name", "--migrations", "m", "a.schema"], "migrate-diff needs a name: letters, digits, '_' and '-'"),
        (["migrate-diff", "x", "a.schema"], "--migrations is required"),
        (["migrate-diff", "x", "--migrations", "m", "--quiet", "a.schema"], "unknown option '--quiet' for migrate-diff"),
        (["swift", "a.schema"], "--output is required"),
        (["swift", "--output", "out"], "no schema files given"),
        (["swift", "a.schema", "--output"], "--output needs a value"),
        (["swift", "--output", "o", "--dialect", "postgresql", "a.schema"], "unknown option '--dialect' for swift"),
        (["swift", "--output", "o", "--output", "p", "a.schema"], "--output is given 2 times; give it once"),
        (["ddl", "--output", "o", "a.schema"], "--dialect is required"),
        (["ddl", "--dialect", "mysql", "--output", "o", "a.schema"], "unknown dialect 'mysql'; the dialects are postgresql and cockroachdb"),
        (["ddl", "--dialect", "postgresql", "--output", "o", "--quiet", "a.schema"], "unknown option '--quiet' for ddl"),
    ])
    func usageErrorsSayWhatIsWrong(_ arguments: [String], _ message: String) {
        #expect(throws: ToolInvocation.UsageError(description: message)) { try ToolInvocation.parse(arguments) }
    }

    @Test func bothModesWriteTheirFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "athanor-tool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ToolInvocation.swift(paths: [Self.shop], output: folder.path, root: nil, templates: [], quiet: true, migrations: nil).run()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["AthanorSchema.swift", "Shop.swift"])

        let ddl = folder.appending(path: "shop.postgresql.sql").path
        try ToolInvocation.ddl(paths: [Self.shop], dialect: .postgresql, output: ddl).run()
        #expect(try String(contentsOfFile: ddl, encoding: .utf8).hasPrefix("-- Generated by athanor from Shop.schema. Do not edit.\n-- Dialect: PostgreSQL.\n"))

        #expect(throws: CommandFailure.inputProblem) {
            try ToolInvocation.ddl(paths: [folder.appending(path: "missing.schema").path], dialect: .postgresql, output: ddl).run()
        }
        let bad = folder.appending(path: "bad.schema")
        try Data("model A: UUIDBase {\n x: Strng\n}\n".utf8).write(to: bad)
        #expect(throws: CommandFailure.schemaErrors) {
            try ToolInvocation.swift(paths: [bad.path], output: folder.appending(path: "out").path, root: nil, templates: [], quiet: true, migrations: nil).run()
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "out").path))
    }
}
