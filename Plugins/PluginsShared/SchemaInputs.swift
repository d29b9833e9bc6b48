import Foundation
import PackagePlugin

/// What both plugins need to know about one target: its `.schema` files, the template
/// overrides it carries, and the names of the Swift files generated from them.
///
/// Shared by `AthanorPlugin` and `ExportDDL` through a symbolic link to this folder,
/// so the two plugins can never disagree about which files a target holds.
struct SchemaInputs {
    /// The target's `.schema` files, sorted by path so the order never depends on the file system.
    var schemas: [URL]
    /// The target's `*.mustache` files, each replacing the built-in template of the same name.
    var templateOverrides: [URL]
    /// The target's folder; generated file names are derived from paths relative to it.
    var targetDirectory: URL

    init(module: SourceModuleTarget) {
        schemas = module.sourceFiles(withSuffix: "schema").map(\.url).sorted { $0.path < $1.path }
        templateOverrides = module.sourceFiles(withSuffix: "mustache").map(\.url).sorted { $0.path < $1.path }
        targetDirectory = module.directoryURL
    }

    /// The arguments that pass the schemas and template overrides to `athanor`.
    var toolArguments: [String] {
        var arguments = ["--root", targetDirectory.path]
        for template in templateOverrides {
            arguments += ["--template", template.path]
        }
        return arguments + schemas.map(\.path)
    }

    /// The Swift files `athanor generate` writes into `directory`: one per schema, named after
    /// its path inside the target (`schemas/Shop.schema` gives `schemas_Shop.swift`, so two
    /// `Shop.schema` in different folders never collide), and `AthanorSchema.swift`.
    func generatedSwiftFiles(in directory: URL) -> [URL] {
        let perSchema = schemas.map { schema in
            directory.appending(component: Self.generatedFileName(forSchemaAt: relativePath(of: schema)))
        }
        return perSchema + [directory.appending(component: "AthanorSchema.swift")]
    }

    /// Why the generated files cannot join the target's sources: two schemas that give one file name
    /// (`a_b/C.schema` and `a/b_C.schema`), or a generated name that a Swift file of the target has
    /// (`Shop.swift` next to `Shop.schema`): SwiftPM names object files by file name and would only
    /// say "multiple producers". Empty when there is no conflict.
    func nameConflicts(swiftSources: [URL]) -> [String] {
        var producers: [String: String] = ["AthanorSchema.swift": "the generated AthanorSchema.swift"]
        var conflicts: [String] = []
        for file in swiftSources {
            if file.lastPathComponent == "AthanorSchema.swift" {
                conflicts.append("the target's own \(relativePath(of: file)) has the name of the generated AthanorSchema.swift; rename it")
            }
            producers[file.lastPathComponent] = "the target's own \(relativePath(of: file))"
        }
        for schema in schemas {
            let relative = relativePath(of: schema)
            let name = Self.generatedFileName(forSchemaAt: relative)
            if let other = producers[name] {
                conflicts.append("\(relative) generates \(name), the file name of \(other); rename one of them")
            } else {
                producers[name] = relative
            }
        }
        return conflicts
    }

    /// The rule `athanor generate` follows: path separators become `_`, `.schema` becomes `.swift`.
    static func generatedFileName(forSchemaAt relativePath: String) -> String {
        let stem = relativePath.hasSuffix(".schema") ? String(relativePath.dropLast(".schema".count)) : relativePath
        return stem.replacingOccurrences(of: "/", with: "_") + ".swift"
    }

    private func relativePath(of file: URL) -> String {
        let root = targetDirectory.standardizedFileURL.path
        let path = file.standardizedFileURL.path
        guard path.hasPrefix(root + "/") else { return file.lastPathComponent }
        return String(path.dropFirst(root.count + 1))
    }
}
