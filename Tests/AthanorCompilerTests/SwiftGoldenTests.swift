import AthanorCompiler
import Foundation
import Testing

/// Whole-file golden tests of the Swift back end: each folder of `GoldenSwift/` holds an
/// `input.schema` and, under `expected/`, the generated `<name>.swift` and `AthanorSchema.swift`.
/// The same files are compiled (and run against a server) by the `GoldenSwiftConsumerTests`
/// target, through a symbolic link, so a template change that does not build fails the build.
///
/// To accept new output after a deliberate change, run
/// `ATHANOR_RECORD_GOLDEN=1 swift test --filter SwiftGoldenTests` and review the diff in git.
@Suite struct SwiftGoldenTests {
    static let source = RepositoryFiles.root.appending(path: "Tests/AthanorCompilerTests/GoldenSwift")

    static var caseNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: source.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func thereAreCases() {
        #expect(!Self.caseNames.isEmpty)
    }

    @Test(arguments: SwiftGoldenTests.caseNames)
    func golden(_ name: String) throws {
        let folder = Self.source.appending(path: name)
        let input = try RepositoryFiles.text(folder.appending(path: "input.schema"))
        let actual = try Self.outputs(for: input, name: "Shop")
        let expectedFolder = folder.appending(path: "expected")
        if GoldenTests.isRecording {
            try? FileManager.default.removeItem(at: expectedFolder)
            try FileManager.default.createDirectory(at: expectedFolder, withIntermediateDirectories: true)
            for (file, text) in actual { try Data(text.utf8).write(to: expectedFolder.appending(path: file)) }
            return
        }
        let expectedNames = (try? FileManager.default.contentsOfDirectory(atPath: expectedFolder.path)) ?? []
        #expect(Set(expectedNames) == Set(actual.keys), "GoldenSwift/\(name)/expected holds \(expectedNames.sorted())")
        for (file, produced) in actual.sorted(by: { $0.key < $1.key }) {
            let expected = (try? RepositoryFiles.text(expectedFolder.appending(path: file))) ?? ""
            let diff = TextDiff.unified(from: expected, to: produced, oldName: "expected/\(file)", newName: "actual")
            #expect(diff == nil, "GoldenSwift/\(name)/expected/\(file) differs (ATHANOR_RECORD_GOLDEN=1 rewrites it):\n\(diff ?? "")")
        }
    }

    @Test func outputIsDeterministic() throws {
        let input = try RepositoryFiles.text(Self.source.appending(path: "shop/input.schema"))
        #expect(try Self.outputs(for: input, name: "Shop") == Self.outputs(for: input, name: "Shop"))
    }

    /// The generated files for `input`, by file name, from the call the plugin's tool makes.
    static func outputs(for input: String, name: String) throws -> [String: String] {
        let result = try Compiler.generate(sources: [SourceFile(path: name + ".schema", text: input)])
        #expect(!result.hasErrors)
        return Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, $0.contents) })
    }
}
