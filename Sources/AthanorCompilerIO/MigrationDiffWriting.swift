import AthanorCompiler
import Foundation

/// Writing the next migration folder from some schemas: what `athanor migrate diff` and the
/// `migrate-diff` command plugin (through `athanor-generate migrate-diff`) both run, around
/// ``AthanorCompiler/Compiler/migrate(from:sources:allowDestructive:options:)``.
public struct MigrationDiffWriting: Sendable {
    /// The migration's name (letters, digits, `_`, `-`).
    public var name: String
    /// Schema files, or folders searched recursively for `.schema` files.
    public var paths: [String]
    /// The migrations folder.
    public var migrations: String
    /// Consent to destructive changes.
    public var allowDestructive: Bool
    /// Write empty SQL files and the schemas' snapshot, for a migration written by hand.
    public var empty: Bool

    /// Describes one diff.
    public init(name: String, paths: [String], migrations: String, allowDestructive: Bool = false, empty: Bool = false) {
        self.name = name
        self.paths = paths
        self.migrations = migrations
        self.allowDestructive = allowDestructive
        self.empty = empty
    }

    /// Whether `name` may name a migration: letters, digits, `_` and `-`, not empty.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0)
            || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// Compiles, diffs against the last snapshot, prints the diagnostics and writes the folder;
    /// prints `nothing to migrate` (and writes nothing) when the schemas match the snapshot.
    /// Status 1 on schema errors or a refused change, 2 for paths.
    public func run() throws(CommandFailure) {
        let sources = try CompilerShell.load(paths)
        let folders = try reportingInputErrors { () throws(InputError) in try MigrationsDirectory.load(migrations) }
        if empty { return try writeEmpty(sources: sources, after: folders) }
        let previous = try reportingInputErrors { () throws(InputError) in try MigrationsDirectory.lastSnapshot(of: folders) }
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
