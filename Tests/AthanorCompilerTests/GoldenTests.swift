import AthanorCompiler
import Foundation
import Testing

/// Whole-file golden tests: each folder of `Golden/` holds an `input.schema` (or an `input/` folder of
/// `.schema` files compiled together) and, under `expected/`,
/// the DDL of both dialects (`postgresql.sql`, `cockroachdb.sql`) when it compiles and the
/// diagnostics (`diagnostics.txt`) when it has any.
///
/// To accept new output after a deliberate change, run
/// `ATHANOR_RECORD_GOLDEN=1 swift test --filter GoldenTests` and review the diff in git.
@Suite struct GoldenTests {
    static let isRecording = ProcessInfo.processInfo.environment["ATHANOR_RECORD_GOLDEN"] == "1"

    static var goldenFolder: URL {
        Bundle.module.url(forResource: "Golden", withExtension: nil) ?? RepositoryFiles.goldenSource
    }

    static var caseNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: goldenFolder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func everyGoldenCaseHasAnInput() {
        #expect(Self.caseNames.count >= 10, "Golden cases found: \(Self.caseNames)")
    }

    @Test(arguments: GoldenTests.caseNames)
    func golden(_ name: String) throws {
        let folder = Self.goldenFolder.appending(path: name)
        let actual = Self.outputs(for: try Self.inputs(in: folder))
        if Self.isRecording {
            try Self.record(actual, into: RepositoryFiles.goldenSource.appending(path: name).appending(path: "expected"))
            return
        }
        let expectedFolder = folder.appending(path: "expected")
        let expectedNames = (try? FileManager.default.contentsOfDirectory(atPath: expectedFolder.path)) ?? []
        for file in Set(expectedNames).union(actual.keys).sorted() {
            let expected = try? RepositoryFiles.text(expectedFolder.appending(path: file))
            let produced = actual[file]
            switch (expected, produced) {
            case (let expected?, let produced?):
                let diff = TextDiff.unified(from: expected, to: produced, oldName: "expected/\(file)", newName: "actual")
                #expect(diff == nil, "Golden/\(name)/expected/\(file) differs (ATHANOR_RECORD_GOLDEN=1 rewrites it):\n\(diff ?? "")")
            case (nil, let produced?):
                Issue.record("Golden/\(name) produced \(file), which is not in expected/ (ATHANOR_RECORD_GOLDEN=1 writes it):\n\(produced)")
            case (_?, nil):
                Issue.record("Golden/\(name)/expected/\(file) exists, but the compiler did not produce it")
            case (nil, nil):
                break
            }
        }
    }

    /// `input.schema`, or every `.schema` file of the folder `input/` (a schema of several files),
    /// named relative to the case folder.
    static func inputs(in folder: URL) throws -> [SourceFile] {
        let single = folder.appending(path: "input.schema")
        if FileManager.default.fileExists(atPath: single.path) {
            return [SourceFile(path: "input.schema", text: try RepositoryFiles.text(single))]
        }
        let files = RepositoryFiles.schemaFiles(in: folder.appending(path: "input"))
        #expect(!files.isEmpty, "\(folder.lastPathComponent) has neither input.schema nor input/*.schema")
        return try files.map { SourceFile(path: "input/" + $0.lastPathComponent, text: try RepositoryFiles.text($0)) }
    }

    /// What the compiler gives for `sources`, by expected file name.
    static func outputs(for sources: [SourceFile]) -> [String: String] {
        let result = Compiler.compile(sources: sources)
        var outputs: [String: String] = [:]
        for (dialect, ddl) in result.ddl { outputs["\(dialect.rawValue).sql"] = ddl }
        if !result.diagnostics.isEmpty {
            outputs["diagnostics.txt"] = DiagnosticFormatter(sources: sources).format(result.diagnostics)
        }
        return outputs
    }

    private static func record(_ outputs: [String: String], into folder: URL) throws {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in outputs {
            try Data(text.utf8).write(to: folder.appending(path: name))
        }
    }
}
