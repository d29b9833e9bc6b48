import ArgumentParser
import AthanorCompiler
import AthanorCompilerIO
import Foundation

/// `athanor migrate diff NAME SCHEMA_PATH... [--migrations DIR] [--allow-destructive]`.
struct MigrateDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Write the next migration: the changes from the last snapshot to the schemas.",
        discussion: """
        Compiles the schemas, compares them with the snapshot of the last migration in the \
        migrations folder (none: an empty database), and writes <id>_<NAME>/ with the SQL of \
        both dialects, the new snapshot and the checksums. Renames are never guessed: declare \
        them in the schema with @renamed(from: "old") on a field or @@renamed(from: "Old") in a \
        model. Changes that can lose data or fail on existing rows (a dropped table or column, \
        a narrowed type, NOT NULL without a default) are refused, each named, unless \
        --allow-destructive is given. --empty writes a migration with empty SQL files and the \
        schemas' snapshot, for a change to write by hand (an enum value removed or renamed).

        Exit status: 0 when a migration was written, and when there is nothing to migrate (no \
        folder is written); 1 on schema errors or a refused change; 2 for bad paths.

        Examples:
          athanor migrate diff add_nickname Sources/ShopModels
          athanor migrate diff drop_legacy schemas/ --migrations db/migrations --allow-destructive
        """
    )

    @Argument(help: "The migration's name: letters, digits, '_' and '-'.")
    var name: String

    @Argument(help: "Schema files, or folders to search for .schema files.")
    var paths: [String] = []

    @Option(name: .long, help: "The migrations folder (default: migrations).")
    var migrations = "migrations"

    @Flag(name: .long, help: "Write destructive changes (drops, narrowed types, NOT NULL without a default).")
    var allowDestructive = false

    @Flag(name: .long, help: "Write empty SQL files and the schemas' snapshot, for a migration written by hand.")
    var empty = false

    func validate() throws {
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0)
            || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
            throw ValidationError("the migration name '\(name)' may hold only letters, digits, '_' and '-'")
        }
    }

    func run() throws {
        try exitingWithStatus { () throws(CommandFailure) in
            let sources = try CompilerShell.load(paths)
            let folders = try reportingInputErrors { () throws(InputError) in try MigrationsDirectory.load(migrations) }
            let previous = try reportingInputErrors { () throws(InputError) in try MigrationsDirectory.lastSnapshot(of: folders) }
            if empty { return try writeEmpty(sources: sources, after: folders) }
            let result = Compiler.migrate(from: previous, sources: sources, allowDestructive: allowDestructive)
            StandardError.write(DiagnosticFormatter(sources: sources).format(result.diagnostics))
            guard !result.hasErrors, let snapshot = result.snapshot else {
                StandardError.write("no migration written\n")
                throw .schemaErrors
            }
            if result.isEmpty {
                print("nothing to migrate: the schemas match the last snapshot\(folders.last.map { " (\($0.id))" } ?? "")")
                return
            }
            var sql: [SQLDialect: String] = [:]
            for dialect in SQLDialect.allCases { sql[dialect] = result.scripts[dialect]?.text ?? "" }
            let folder = try write(sql: sql, snapshot: snapshot, after: folders)
            let count = result.diff.changes.count
            print("wrote \(folder) (\(count) change\(count == 1 ? "" : "s"))")
        }
    }

    /// `--empty`: SQL files to fill by hand, and the schemas' snapshot (the schemas must compile;
    /// the diff is not consulted, since the hand-written SQL makes the change).
    private func writeEmpty(sources: [SourceFile], after folders: [MigrationFolder]) throws(CommandFailure) {
        let result = CompilerShell.compile(sources, dialects: Set(SQLDialect.allCases))
        guard let catalog = result.catalog else {
            StandardError.write("no migration written\n")
            throw .schemaErrors
        }
        var sql: [SQLDialect: String] = [:]
        for dialect in SQLDialect.allCases {
            sql[dialect] = "-- Hand-written migration. Dialect: \(dialect.productName).\n-- Write its statements below, each ending with ';'.\n"
        }
        let folder = try write(sql: sql, snapshot: SchemaSnapshot(catalog: catalog), after: folders)
        print("wrote \(folder) (empty: write its SQL by hand)")
    }

    private func write(sql: [SQLDialect: String], snapshot: SchemaSnapshot, after folders: [MigrationFolder]) throws(CommandFailure) -> String {
        let id = MigrationsDirectory.nextID(name: name, at: Date(), after: folders)
        return try reportingInputErrors { () throws(InputError) in
            try MigrationsDirectory.write(id: id, into: migrations, sql: sql, snapshot: snapshot)
        }
    }
}
