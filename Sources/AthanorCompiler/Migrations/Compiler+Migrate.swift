/// What `Compiler.migrate` found: the next migration, or why there is none.
public struct MigrationResult: Sendable {
    /// The snapshot of the schemas (`nil` when they have errors): the new migration's `snapshot.json`.
    public var snapshot: SchemaSnapshot?
    /// The diff from the last snapshot (empty when the schemas have errors).
    public var diff: SchemaDiff
    /// The script of each dialect (empty when there are errors).
    public var scripts: [SQLDialect: MigrationScript]
    /// The schemas' diagnostics, the diff's errors, one error per destructive change without
    /// consent, and the lint's warnings (statements that lock or rewrite a big table, with the
    /// safer form), sorted by place.
    public var diagnostics: [Diagnostic]

    /// Whether any diagnostic is an error: no migration may be written.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Whether the schemas match the last snapshot: nothing to migrate.
    public var isEmpty: Bool { !hasErrors && diff.changes.isEmpty }
}

extension Compiler {
    /// Compiles `sources` and diffs them against `previous` (the last migration's snapshot, or
    /// ``SchemaSnapshot/empty`` for the first): the changes, each dialect's script, and the
    /// errors that forbid writing it. Destructive changes are errors unless `allowDestructive`.
    ///
    /// ```swift
    /// let result = Compiler.migrate(from: last, sources: sources, allowDestructive: false)
    /// if !result.hasErrors, !result.isEmpty { write(result.scripts[.postgresql]!.text) }
    /// ```
    public static func migrate(from previous: SchemaSnapshot, sources: [SourceFile], allowDestructive: Bool,
                               options: CompilerOptions = CompilerOptions()) -> MigrationResult {
        let compiled = compile(sources: sources, options: options)
        guard let catalog = compiled.catalog else {
            return MigrationResult(snapshot: nil, diff: SchemaDiff(changes: [], destructive: [], errors: []), scripts: [:],
                                   diagnostics: compiled.diagnostics)
        }
        var result = migrate(from: previous, catalog: catalog, allowDestructive: allowDestructive, diagnostics: compiled.diagnostics)
        if !result.hasErrors {
            let lint = MigrationLint(catalog: catalog, locations: compiled.locations).warnings(for: result.diff.changes)
            result.diagnostics = sorted(result.diagnostics + lint.filter { warning in
                options.dialects.contains { warning.message.hasPrefix($0.productName + ":") }
            })
        }
        return result
    }

    /// The migration from `previous` to a checked catalog (see ``migrate(from:sources:allowDestructive:options:)``).
    public static func migrate(from previous: SchemaSnapshot, catalog: Catalog, allowDestructive: Bool,
                               diagnostics: [Diagnostic] = []) -> MigrationResult {
        let snapshot = SchemaSnapshot(catalog: catalog)
        let diff = SchemaDiffer(from: previous, to: snapshot, renames: RenameDeclarations(catalog: catalog)).diff()
        var all = sorted(diagnostics + diff.errors)
        if !allowDestructive {
            all += diff.destructive.map { change in
                .error("refused: the migration \(change.reason); pass --allow-destructive to write it anyway", at: nil)
            }
        }
        let hasErrors = all.contains { $0.severity == .error }
        var scripts: [SQLDialect: MigrationScript] = [:]
        if !hasErrors {
            for dialect in SQLDialect.allCases { scripts[dialect] = MigrationRenderer(dialect: dialect).script(for: diff.changes) }
        }
        return MigrationResult(snapshot: snapshot, diff: diff, scripts: scripts, diagnostics: all)
    }
}
