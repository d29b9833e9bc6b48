import ArgumentParser
import AthanorCompilerIO

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
        changed, so unchanged outputs do not recompile. It runs the same code as athanor-generate, \
        the tool of the AthanorPlugin build plugin; use it directly outside SwiftPM.

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

    @Option(name: .long, help: "A migrations folder to embed in AthanorSchema.migrations (what the plugin does with the target's migrations/).")
    var migrations: String?

    @Flag(name: .long, help: "Print nothing when all is well.")
    var quiet = false

    func run() throws {
        try exitingWithStatus { () throws(CommandFailure) in
            try SwiftGeneration(paths: paths, output: output, root: root, templates: template, quiet: quiet,
                                migrations: migrations).run()
        }
    }
}
