import ArgumentParser
import AthanorCompiler
import AthanorCompilerIO

/// `athanor check PATH...`: reports errors and warnings, writes nothing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check .schema files and report errors and warnings.",
        discussion: """
        Reads every file named, and every .schema file under every folder named (recursively, \
        sorted by path), as one schema: models may reference models in other files.

        Diagnostics go to stderr as 'path:line:column: error|warning|note: message' (columns \
        count UTF-8 bytes, as swiftc and clang do), followed by a one-line summary.

        Exit status: 0 when there is no error (warnings allowed), 1 when a schema has an error, \
        2 when a path is missing, unreadable or a folder holds no .schema file.

        Examples:
          athanor check schemas/Shop.schema
          athanor check schemas/                       # every .schema file below schemas/
          athanor check schemas/ --dialect postgresql  # only PostgreSQL's warnings
        """
    )

    @Argument(help: "Schema files, or folders to search for .schema files.")
    var paths: [String] = []

    @Option(name: .long, help: "Report the warnings of this dialect only (default: both).")
    var dialect: DialectOption?

    func run() throws {
        try exitingWithStatus { () throws(CommandFailure) in
            let sources = try CompilerShell.load(paths)
            let dialects = dialect.map { Set([$0.dialect]) } ?? Set(SQLDialect.allCases)
            let result = CompilerShell.compile(sources, dialects: dialects)
            StandardError.write(CompilerShell.summary(of: result.diagnostics, files: sources.count))
            if result.hasErrors { throw .schemaErrors }
        }
    }
}
