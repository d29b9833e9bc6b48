import ArgumentParser
import AthanorCompiler
import Foundation

/// `athanor generate PATH... --output DIR [--root DIR] [--template FILE]... [--quiet]`.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate typed Swift models and repositories from .schema files.",
        discussion: """
        Compiles the schemas (files, or folders searched recursively for .schema files) as one \
        schema and writes, into --output, one Swift file per schema file, named after its path \
        below --root with '/' as '_' (schemas/Shop.schema gives schemas_Shop.swift), and \
        AthanorSchema.swift (the DDL of both dialects). A file is written only when its content \
        changed, so unchanged outputs do not recompile. This is what the AthanorPlugin build \
        plugin runs; use it directly outside SwiftPM.

        --template FILE replaces the built-in template of the same file name \
        (Model.swift.mustache, Repository.swift.mustache, ...).

        Exit status: 0 on success, 1 on schema errors, 2 for missing or unreadable paths.

        Examples:
          athanor generate schemas/Shop.schema --output Sources/Shop/Generated
          athanor generate Sources/Shop --root Sources/Shop --output .build/generated --quiet
        """
    )

    @Argument(help: "Schema files, or folders to search for .schema files.")
    var paths: [String] = []

    @Option(name: .long, help: "The folder to write the Swift files into (created if missing).")
    var output: String

    @Option(name: .long, help: "Output names and headers use schema paths relative to this folder.")
    var root: String?

    @Option(name: .long, help: "A template replacing the built-in one of the same file name (repeatable).")
    var template: [String] = []

    @Flag(name: .long, help: "Print nothing when all is well.")
    var quiet = false

    func run() throws {
        let sources = try reportingInputErrors { () throws(InputError) in try SchemaFiles.load(paths) }
        let result = CompilerShell.compile(sources, dialects: Set(SQLDialect.allCases))
        guard let catalog = result.catalog, !result.hasErrors else {
            StandardError.write(CompilerShell.summary(of: result, files: sources.count))
            throw ExitCodeError.schemaErrors
        }
        let files = try reportingInputErrors { () throws(InputError) in try render(catalog, sources) }
        let written = try reportingInputErrors { () throws(InputError) in try GeneratedFiles.write(files, into: output) }
        if !quiet {
            print("\(files.count) file\(files.count == 1 ? "" : "s") generated in \(output), \(written) changed")
        }
    }

    /// The generated files, by name.
    func render(_ catalog: Catalog, _ sources: [SourceFile]) throws(InputError) -> [(name: String, text: String)] {
        var overrides: [String: String] = [:]
        var overridePaths: [String: String] = [:]
        for path in template {
            guard let data = FileManager.default.contents(atPath: path) else { throw InputError(description: "cannot read \(path)") }
            let name = URL(fileURLWithPath: path).lastPathComponent
            overrides[name] = String(decoding: data, as: UTF8.self)
            overridePaths[name] = path
        }
        let templates: SwiftTemplates
        do {
            templates = try SwiftTemplates(overrides: overrides)
        } catch {
            // A template of the user's that does not parse: point at it as a schema error would be.
            if let name = error.template, let path = overridePaths[name], let line = error.line, let column = error.column {
                throw InputError(description: error.message, location: "\(path):\(line):\(column)")
            }
            throw InputError(description: error.description)
        }
        let emitter = SwiftEmitter(catalog: catalog, templates: templates)
        var files: [(name: String, text: String)] = []
        var names: [String] = []
        var producers: [String: String] = ["AthanorSchema.swift": "the schema type"]
        for source in sources {
            let relative = GeneratedFiles.relativePath(of: source.path, root: root)
            let name = GeneratedFiles.swiftFileName(forSchemaAt: relative)
            if let other = producers[name] {
                throw InputError(description: "\(relative) and \(other) would both generate \(name); rename one of them")
            }
            producers[name] = relative
            names.append(relative)
            files.append((name, emitter.renderFile(for: source.path, named: relative)))
        }
        files.append(("AthanorSchema.swift", emitter.renderSchema(sourceNames: names)))
        return files
    }
}
