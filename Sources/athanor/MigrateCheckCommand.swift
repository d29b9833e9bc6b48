import ArgumentParser
import Athanor
import AthanorCompiler
import AthanorCompilerIO
import Foundation

/// `athanor migrate check SCHEMA_PATH... [--migrations DIR] [--url URL]`: is a migration missing
/// or edited, or does a live database differ from the schemas?
struct MigrateCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that the migrations match the schemas, and that none was edited.",
        discussion: """
        Compiles the schemas and compares them with the snapshot of the last migration: any \
        difference means a migration is missing ('athanor migrate diff NAME ...' writes it). \
        Also checks every migration's files against its checksums file: a migration edited \
        after it was written is reported. For CI.

        With --url, checks a live database instead: its catalog (read from pg_catalog) against \
        what the schemas' DDL creates (run in a scratch schema and rolled back), named object by \
        object; the migration tables and CockroachDB's hidden columns (hash shards) are not drift.

        Exit status: 0 when the schemas match the last snapshot and no migration was edited (with \
        --url: when the database matches the schemas); 1 when a migration is missing, one was \
        edited, the database drifted, or a schema has errors; 2 for bad paths or URL; 3 when the \
        database cannot be reached.

        Examples:
          athanor migrate check Sources/ShopModels
          athanor migrate check schemas/ --migrations db/migrations
          athanor migrate check schemas/ --url postgresql://app@localhost/shop
        """
    )

    @Argument(help: "Schema files, or folders to search for .schema files.")
    var paths: [String] = []

    @Option(name: .long, help: "The migrations folder (default: migrations).")
    var migrations = "migrations"

    @Option(name: .long, help: "Check this database for drift instead of the migrations folder.")
    var url: String?

    func run() async throws {
        if let url { return try await checkDrift(url) }
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

    /// The live database against the schemas' DDL in the server's dialect.
    private func checkDrift(_ text: String) async throws {
        let url = try exitingWithStatus { () throws(CommandFailure) in try MigrationShell.databaseURL(text) }
        let sources = try exitingWithStatus { () throws(CommandFailure) in try CompilerShell.load(paths) }
        let (pool, dialect) = try await MigrationShell.connect(url)
        let result = CompilerShell.compile(sources, dialects: [dialect])
        guard let script = result.scripts[dialect] else {
            await pool.close()
            throw ExitCode(CommandFailure.schemaErrors.status)
        }
        let drift: [String]
        do {
            drift = try await SchemaDrift.differences(expecting: script.statements, on: pool)
            await pool.close()
        } catch {
            await pool.close()
            throw MigrationShell.failing(error)
        }
        guard drift.isEmpty else {
            StandardError.write("error: the database differs from the schemas:\n" + drift.map { "  \($0)\n" }.joined())
            throw ExitCode(CommandFailure.schemaErrors.status)
        }
        print("no drift: the database matches the schemas (\(dialect.productName))")
    }
}
