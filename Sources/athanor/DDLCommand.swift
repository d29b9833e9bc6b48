import ArgumentParser
import AthanorCompiler
import AthanorCompilerIO
import Foundation

/// `athanor ddl PATH... --dialect D [--output FILE | --check FILE]`.
struct DDLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ddl",
        abstract: "Write the SQL DDL (CREATE TYPE, CREATE TABLE, CREATE INDEX) of .schema files.",
        discussion: """
        Compiles the schemas (files, or folders searched recursively for .schema files) and writes \
        the DDL for one dialect to stdout, or to --output FILE. Errors and warnings go to stderr as \
        'path:line:column: error|warning: message'; no DDL is written when there is an error.

        The DDL creates the schema in an empty database: enum types, tables in dependency order, \
        then indexes. It uses plain CREATE (no IF NOT EXISTS), and the same schemas always give \
        the same bytes, so it can be checked in and reviewed.

        --check FILE writes nothing: it exits with status 1 and prints a unified diff when FILE is \
        not what the schemas produce now. Run it in CI to catch DDL drift before review.

        Exit status: 0 on success, 1 on schema errors or drift, 2 for missing or unreadable paths.

        Examples:
          athanor ddl schemas/Shop.schema --dialect cockroachdb
          athanor ddl schemas/ --dialect postgresql --output ddl/postgresql.sql
          athanor ddl schemas/ --dialect postgresql --check ddl/postgresql.sql
        """
    )

    @Argument(help: "Schema files, or folders to search for .schema files.")
    var paths: [String] = []

    @Option(name: .long, help: "The SQL dialect: postgresql or cockroachdb.")
    var dialect: DialectOption

    @Option(name: .long, help: "Write the DDL to this file instead of stdout.")
    var output: String?

    @Option(name: .long, help: "Compare the DDL with this file; exit 1 with a diff when it differs.")
    var check: String?

    func validate() throws {
        if output != nil, check != nil {
            throw ValidationError("use either --output or --check, not both")
        }
    }

    func run() throws {
        try exitingWithStatus { () throws(CommandFailure) in
            let ddl = try DDLGeneration.ddl(of: paths, dialect: dialect.dialect)
            if let check {
                try compare(ddl, with: check)
            } else if let output {
                try reportingInputErrors { () throws(InputError) in try OutputFiles.write(ddl, to: output) }
            } else {
                FileHandle.standardOutput.write(Data(ddl.utf8))
            }
        }
    }

    private func compare(_ ddl: String, with path: String) throws(CommandFailure) {
        guard let data = FileManager.default.contents(atPath: path) else {
            StandardError.write("error: cannot read \(path); create it with: athanor ddl \(paths.joined(separator: " ")) --dialect \(dialect.rawValue) --output \(path)\n")
            throw .inputProblem
        }
        guard let diff = TextDiff.unified(from: String(decoding: data, as: UTF8.self), to: ddl,
                                          oldName: path, newName: "generated (\(dialect.rawValue))") else { return }
        FileHandle.standardOutput.write(Data(diff.utf8))
        StandardError.write("error: \(path) is not the DDL the schemas produce now; regenerate it with: athanor ddl \(paths.joined(separator: " ")) --dialect \(dialect.rawValue) --output \(path)\n")
        throw .schemaErrors
    }
}
