import Foundation
import PackagePlugin

/// What both plugins need to know about one target: its `.schema` files, the template
/// overrides it carries, and the names of the Swift files generated from them.
///
/// Shared by `AthanorPlugin` and `ExportDDL` through a symbolic link to this folder,
/// so the two plugins can never disagree about which files a target holds. The naming rule
/// itself is `GeneratedFileNames`, the compiler's own file, linked into this folder.
struct SchemaInputs {
    /// The target's `.schema` files, sorted by path so the order never depends on the file system.
    var schemas: [URL]
    /// The target's `*.mustache` files, each replacing the built-in template of the same name.
    var templateOverrides: [URL]
    /// The target's folder; generated file names are derived from paths relative to it.
    var targetDirectory: URL
    /// The files of the target's `migrations/` folder (each migration's SQL, snapshot and
    /// checksums), which `AthanorSchema.migrations` embeds.
    var migrationFiles: [URL]

    init(module: SourceModuleTarget) {
        schemas = module.sourceFiles(withSuffix: "schema").map(\.url).sorted { $0.path < $1.path }
        templateOverrides = module.sourceFiles(withSuffix: "mustache").map(\.url).sorted { $0.path < $1.path }
        targetDirectory = module.directoryURL
        let migrations = module.directoryURL.appending(component: "migrations").path + "/"
        migrationFiles = module.sourceFiles.map(\.url).filter { $0.path.hasPrefix(migrations) }.sorted { $0.path < $1.path }
    }

    /// The target's `migrations/` folder.
    var migrationsDirectory: URL { targetDirectory.appending(component: "migrations") }

    /// The arguments that pass the schemas, template overrides and migrations to `athanor-generate swift`.
    var toolArguments: [String] {
        var arguments = ["--root", targetDirectory.path]
        for template in templateOverrides {
            arguments += ["--template", template.path]
        }
        if !migrationFiles.isEmpty {
            arguments += ["--migrations", migrationsDirectory.path]
        }
        return arguments + ["--"] + schemas.map(\.path)
    }

    /// The Swift files `athanor-generate swift` writes into `directory`, by the compiler's rule:
    /// one per schema, named after its path inside the target (`schemas/Shop.schema` gives
    /// `schemas_Shop.swift`), and `AthanorSchema.swift`.
    func generatedSwiftFiles(in directory: URL) -> [URL] {
        let perSchema = schemas.map { directory.appending(component: GeneratedFileNames.swiftFile(forSchemaAt: relativePath(of: $0))) }
        return perSchema + [directory.appending(component: GeneratedFileNames.schemaType)]
    }

    /// Why the generated files cannot join the target's sources (two that would have one name, or
    /// one named like a Swift file of the target's own), by the compiler's rule; empty when none.
    func nameConflicts(swiftSources: [URL]) -> [String] {
        GeneratedFileNames.conflicts(schemas: schemas.map(relativePath(of:)), ownSwiftFiles: swiftSources.map(relativePath(of:)))
    }

    private func relativePath(of file: URL) -> String {
        GeneratedFileNames.relativePath(of: file.path, below: targetDirectory.path)
    }
}
