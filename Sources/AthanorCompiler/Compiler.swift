/// What the compiler is asked to produce.
public struct CompilerOptions: Sendable, Hashable {
    /// The dialects to write DDL for, and whose dialect-specific warnings to report.
    public var dialects: Set<SQLDialect>

    /// Creates options; by default both dialects.
    public init(dialects: Set<SQLDialect> = Set(SQLDialect.allCases)) {
        self.dialects = dialects
    }
}

/// Everything one compilation produced.
public struct CompilationResult: Sendable {
    /// The resolved schema, or `nil` when there were errors.
    public var catalog: Catalog?
    /// Every error, warning and note, sorted by file and position.
    public var diagnostics: [Diagnostic]
    /// The DDL of each requested dialect, as its statements (empty when there were errors).
    public var scripts: [SQLDialect: DDLScript]

    /// The DDL text of each requested dialect (`DDLScript.text`), as `athanor ddl` prints it.
    public var ddl: [SQLDialect: String] { scripts.mapValues(\.text) }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Where each model's parts are written, by model name (for the migration lint).
    var locations: [String: ModelLocations] = [:]
}

/// The compiler's in-memory entry point: sources in, catalog, DDL and diagnostics out.
///
/// It reads no file and starts no process; the `athanor` tool and the tests are shells around it.
///
/// ```swift
/// let result = Compiler.compile(sources: [SourceFile(path: "Shop.schema", text: text)],
///                               options: CompilerOptions(dialects: [.cockroachdb]))
/// print(DiagnosticFormatter(sources: sources).format(result.diagnostics))
/// print(result.ddl[.cockroachdb] ?? "")           // the text; result.scripts: the statements
/// ```
public enum Compiler {
    /// Parses, checks and lowers `sources` (models may refer to each other across files), then
    /// writes the DDL of each dialect in `options` when there is no error.
    public static func compile(sources: [SourceFile], options: CompilerOptions = CompilerOptions()) -> CompilationResult {
        var diagnostics: [Diagnostic] = []
        var files: [SchemaFileSyntax] = []
        for (index, source) in sources.enumerated() {
            let parsed = Parser.parse(source.text, file: index)
            files.append(parsed.syntax)
            diagnostics += parsed.diagnostics
        }
        var checker = Checker(sources: sources)
        let catalog = checker.check(files)
        diagnostics += checker.diagnostics.diagnostics
        var scripts: [SQLDialect: DDLScript] = [:]
        if let catalog {
            diagnostics += Advisor(catalog: catalog, locations: checker.locationsByModel, dialects: options.dialects).warnings()
        }
        if let catalog, !diagnostics.contains(where: { $0.severity == .error }) {
            for dialect in options.dialects {
                scripts[dialect] = DDLEmitter(catalog: catalog, dialect: dialect).script()
            }
        }
        return CompilationResult(catalog: diagnostics.contains { $0.severity == .error } ? nil : catalog,
                                 diagnostics: sorted(diagnostics), scripts: scripts, locations: checker.locationsByModel)
    }

    /// Sorts by file, then offset; diagnostics of the same place keep their order.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { left, right in
            let l = left.element.range.map { ($0.file, $0.start) } ?? (Int.max, Int.max)
            let r = right.element.range.map { ($0.file, $0.start) } ?? (Int.max, Int.max)
            return l != r ? l < r : left.offset < right.offset
        }.map(\.element)
    }
}
