import AthanorCompiler
import AthanorCompilerIO
import Foundation
import Testing

/// Whole-file golden tests of migrations: each folder of `MigrationGolden/` holds `after.schema`,
/// optionally `before.schema` (absent: the first migration) and `allow-destructive` (consent), and
/// under `expected/` the scripts of both dialects (`postgresql.sql`, `cockroachdb.sql`), the
/// diagnostics (`diagnostics.txt`) when there are any, `snapshot.json` for `first-*` cases, and
/// `result.txt` when there is nothing to migrate. The before-snapshot goes through its JSON form.
///
/// To accept new output: `ATHANOR_RECORD_GOLDEN=1 swift test --filter MigrationGoldenTests`.
@Suite struct MigrationGoldenTests {
    static let source = RepositoryFiles.root.appending(path: "Tests/AthanorCompilerTests/MigrationGolden")

    static var folder: URL {
        Bundle.module.url(forResource: "MigrationGolden", withExtension: nil) ?? source
    }

    static var caseNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func everyKindOfChangeHasACase() {
        #expect(Self.caseNames.count >= 12, "cases: \(Self.caseNames)")
    }

    @Test(arguments: MigrationGoldenTests.caseNames)
    func migration(_ name: String) throws {
        let caseFolder = Self.folder.appending(path: name)
        let actual = try Self.outputs(in: caseFolder, name: name)
        if GoldenTests.isRecording {
            let target = Self.source.appending(path: name).appending(path: "expected")
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for (file, text) in actual { try Data(text.utf8).write(to: target.appending(path: file)) }
            return
        }
        let expectedFolder = caseFolder.appending(path: "expected")
        let expectedNames = (try? FileManager.default.contentsOfDirectory(atPath: expectedFolder.path)) ?? []
        for file in Set(expectedNames).union(actual.keys).sorted() {
            let expected = try? RepositoryFiles.text(expectedFolder.appending(path: file))
            let produced = actual[file]
            if expected != produced {
                let diff = TextDiff.unified(from: expected ?? "", to: produced ?? "", oldName: "expected/\(file)", newName: "actual")
                Issue.record("MigrationGolden/\(name)/expected/\(file) differs (ATHANOR_RECORD_GOLDEN=1 rewrites it):\n\(diff ?? "")")
            }
        }
    }

    static func outputs(in caseFolder: URL, name: String) throws -> [String: String] {
        let beforeURL = caseFolder.appending(path: "before.schema")
        var previous = SchemaSnapshot.empty
        if FileManager.default.fileExists(atPath: beforeURL.path) {
            let before = Compiler.compile(sources: [SourceFile(path: "before.schema", text: try RepositoryFiles.text(beforeURL))])
            let catalog = try #require(before.catalog, "before.schema of \(name) must compile: \(before.diagnostics)")
            let text = SnapshotJSON.text(of: SchemaSnapshot(catalog: catalog))
            previous = try SnapshotJSON.snapshot(from: text, path: "before")
            #expect(previous == SchemaSnapshot(catalog: catalog), "the snapshot changes through its JSON form")
        }
        let sources = [SourceFile(path: "after.schema", text: try RepositoryFiles.text(caseFolder.appending(path: "after.schema")))]
        let consent = FileManager.default.fileExists(atPath: caseFolder.appending(path: "allow-destructive").path)
        let result = Compiler.migrate(from: previous, sources: sources, allowDestructive: consent)
        var outputs: [String: String] = [:]
        for (dialect, script) in result.scripts where !result.isEmpty { outputs["\(dialect.rawValue).sql"] = script.text }
        if !result.diagnostics.isEmpty {
            outputs["diagnostics.txt"] = DiagnosticFormatter(sources: sources).format(result.diagnostics)
        }
        if result.isEmpty { outputs["result.txt"] = "nothing to migrate\n" }
        if name.hasPrefix("first"), let snapshot = result.snapshot { outputs["snapshot.json"] = SnapshotJSON.text(of: snapshot) }
        return outputs
    }
}
