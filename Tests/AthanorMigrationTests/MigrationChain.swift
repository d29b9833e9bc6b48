import Athanor
import AthanorCompiler
import Testing

/// Successive schema versions turned into migrations the way `athanor migrate diff` does
/// (each diffed against the snapshot of the one before), and the check every step must pass.
struct MigrationChain {
    private(set) var snapshot = SchemaSnapshot.empty
    private(set) var migrations: [Migration] = []

    /// The migration from the last version to `text`; `nil` when there is nothing to migrate.
    mutating func next(_ text: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Migration? {
        let source = SourceFile(path: "\(name).schema", text: text)
        let result = Compiler.migrate(from: snapshot, sources: [source], allowDestructive: true)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(name): \(DiagnosticFormatter(sources: [source]).format(errors))", sourceLocation: sourceLocation)
        let next = try #require(result.snapshot, sourceLocation: sourceLocation)
        snapshot = next
        guard !result.isEmpty else { return nil }
        var sql: [SQLDialect: String] = [:]
        for (dialect, script) in result.scripts { sql[dialect] = script.text }
        let id = String(1000 + migrations.count).dropFirst() + "_" + name
        let migration = Migration(id: String(id), sql: sql)
        migrations.append(migration)
        return migration
    }

    /// The PostgreSQL statements of `createTables` for `text`.
    static func createTables(_ text: String) throws -> [String] {
        let result = Compiler.compile(sources: [SourceFile(path: "s.schema", text: text)], options: CompilerOptions(dialects: [.postgresql]))
        return try #require(result.scripts[.postgresql]).statements
    }

    /// Applies the pending migrations and checks that the database's catalog equals what
    /// `createTables` of `text` gives in an empty schema.
    func applyAndCompare(_ text: String, on pool: ConnectionPool, options: MigrationOptions = MigrationOptions(),
                         sourceLocation: SourceLocation = #_sourceLocation) async throws {
        _ = try await Migrator(migrations: migrations, options: options).apply(on: pool)
        let drift = try await SchemaDrift.differences(expecting: try Self.createTables(text), on: pool)
        #expect(drift == [], "after \(migrations.last?.id ?? "nothing"):\n\(migrations.last?.sql[.postgresql] ?? "")", sourceLocation: sourceLocation)
    }
}
