import ArgumentParser
import AthanorCompiler
import AthanorCompilerIO
import Foundation

/// `athanor migrate check SCHEMA_PATH... [--migrations DIR]`: is a migration missing or edited?
struct MigrateCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that the migrations match the schemas, and that none was edited.",
        discussion: """
        Compiles the schemas and compares them with the snapshot of the last migration: any \
        difference means a migration is missing ('athanor migrate diff NAME ...' writes it). \
        Also checks every migration's files against its checksums file: a migration edited \
        after it was written is reported. For CI.

        Exit status: 0 when the schemas match the last snapshot and no migration was edited; \
        1 when a migration is missing, one was edited, or a schema has errors; 2 for bad paths.

        Examples:
          athanor migrate check Sources/ShopModels
          athanor migrate check schemas/ --migrations db/migrations
        """
    )

    @Argument(help: "Schema files, or folders to search for .schema files.")
    var paths: [String] = []

    @Option(name: .long, help: "The migrations folder (default: migrations).")
    var migrations = "migrations"

    func run() throws {
        try exitingWithStatus { () throws(CommandFailure) in
            let sources = try CompilerShell.load(paths)
            let folders = try reportingInputErrors { () throws(InputError) in try MigrationsDirectory.load(migrations) }
            var failed = false
            for folder in folders {
                for file in folder.editedFiles {
                    StandardError.write("\(folder.path)/\(file): error: edited after the migration was written (its checksum differs)\n")
                    failed = true
                }
            }
            let previous = try reportingInputErrors { () throws(InputError) in try MigrationsDirectory.lastSnapshot(of: folders) }
            let result = Compiler.migrate(from: previous, sources: sources, allowDestructive: true)
            StandardError.write(DiagnosticFormatter(sources: sources).format(result.diagnostics))
            if result.hasErrors { throw .schemaErrors }
            if !result.diff.changes.isEmpty {
                let statements = result.scripts[.postgresql]?.statements ?? []
                StandardError.write("error: a migration is missing: the schemas differ from the last snapshot"
                                    + "\(folders.last.map { " (\($0.id))" } ?? "") by \(statements.count) statement\(statements.count == 1 ? "" : "s"):\n")
                for statement in statements {
                    StandardError.write("  " + (statement.sql.split(separator: "\n").first.map(String.init) ?? "") + "\n")
                }
                StandardError.write("write it with: athanor migrate diff NAME \(paths.joined(separator: " "))"
                                    + "\(migrations == "migrations" ? "" : " --migrations \(migrations)")\n")
                failed = true
            }
            if failed { throw .schemaErrors }
            print("migrations up to date: \(folders.count) migration\(folders.count == 1 ? "" : "s"), the schemas match the last snapshot")
        }
    }
}
