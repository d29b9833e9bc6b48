/// Resolves the parsed files of one compilation into a ``Catalog``, reporting every problem.
///
/// Models may use enums and reference models of any file of the compilation. The catalog is
/// returned only when there is no error; the warnings come from ``Advisor`` afterwards.
struct Checker {
    let sources: [SourceFile]
    var diagnostics = DiagnosticCollector()
    var symbols = SymbolTable()
    /// Where each model's parts are, for the warnings that come after the catalog.
    var locationsByModel: [String: ModelLocations] = [:]

    init(sources: [SourceFile]) {
        self.sources = sources
    }

    /// Checks `files` and returns the catalog, or `nil` when any error was found.
    mutating func check(_ files: [SchemaFileSyntax]) -> Catalog? {
        symbols = SymbolTable(files: files, diagnostics: &diagnostics)
        let enums = symbols.enums.map { checkEnum($0) }
        for model in symbols.models {
            if let header = checkHeader(of: model) { symbols.headers[model.syntax.name.name] = header }
        }
        var models: [Model] = []
        for declared in symbols.models {
            if let model = checkModel(declared) { models.append(model) }
        }
        checkTableNames()
        checkRepositoryNames()
        checkRelationNames(models: models, enums: enums)
        checkRelationMembers(models: models)
        guard !diagnostics.hasErrors else { return nil }
        return Catalog(sourceFiles: sources.map(\.path), enums: enums, models: models)
    }

    func path(of file: Int) -> String {
        sources.indices.contains(file) ? sources[file].path : ""
    }

    // MARK: Enums

    private mutating func checkEnum(_ declared: DeclaredEnum) -> EnumType {
        let syntax = declared.syntax
        var seen: [String: SourceRange] = [:]
        var cases: [EnumCase] = []
        for enumCase in syntax.cases {
            if let first = seen[enumCase.name.name] {
                diagnostics.error("duplicate case '\(enumCase.name.name)' in enum '\(syntax.name.name)'", at: enumCase.name.range,
                                  notes: [.note("'\(enumCase.name.name)' is first declared here", at: first)])
                continue
            }
            seen[enumCase.name.name] = enumCase.name.range
            if SwiftReservedNames.caseNames.contains(enumCase.name.name) {
                diagnostics.error("'\(enumCase.name.name)' cannot name a case of the generated Swift enum; rename it", at: enumCase.name.range)
                continue
            }
            cases.append(EnumCase(name: enumCase.name.name, documentation: enumCase.documentation))
        }
        if syntax.cases.isEmpty {
            diagnostics.error("enum '\(syntax.name.name)' has no cases", at: syntax.name.range)
        }
        let sqlName = SQLNaming.snakeCase(syntax.name.name)
        checkIdentifierLength(sqlName, what: "enum type name", at: syntax.name.range)
        return EnumType(name: syntax.name.name, sqlName: sqlName, cases: cases,
                        documentation: syntax.documentation, sourceFile: path(of: declared.file))
    }

    // MARK: Headers

    private mutating func checkHeader(of declared: DeclaredModel) -> ModelHeader? {
        let syntax = declared.syntax
        let tableName = syntax.table?.name ?? SQLNaming.snakeCase(syntax.name.name)
        if let table = syntax.table {
            if table.name.isEmpty {
                diagnostics.error("the table name cannot be empty", at: table.range)
            }
            checkIdentifierLength(table.name, what: "table name", at: table.range)
        } else {
            checkIdentifierLength(tableName, what: "table name", at: syntax.name.range)
        }
        guard let base = syntax.base else {
            diagnostics.error("model '\(syntax.name.name)' needs a base: write 'model \(syntax.name.name): UUIDAuditBase' (or UUIDBase, BigIntBase, BigIntAuditBase)",
                              at: syntax.name.range.endPoint)
            return nil
        }
        guard let kind = BaseKind(rawValue: base.name) else {
            let candidates = BaseKind.allCases.map(\.schemaName)
            diagnostics.error("unknown base '\(base.name)'\(Suggestion.hint(for: base.name, among: candidates)) (bases: \(candidates.joined(separator: ", ")))",
                              at: base.range)
            return nil
        }
        return ModelHeader(base: kind, tableName: tableName)
    }

    mutating func checkIdentifierLength(_ name: String, what: String, at range: SourceRange) {
        let length = name.utf8.count
        if length > SQLNaming.maximumIdentifierLength {
            diagnostics.error("\(what) '\(name)' is \(length) bytes long; PostgreSQL and CockroachDB keep only 63",
                              at: range)
        }
    }
}

/// Where the parts of a checked model are written, for warnings about them.
struct ModelLocations {
    var name: SourceRange
    var base: SourceRange?
    /// The `@references` attribute of each foreign key column, by column name.
    var references: [String: SourceRange] = [:]
    /// The `@@index` attribute of each index, in ``Model/indexes`` order.
    var indexes: [SourceRange] = []
    /// The name of each declared field, by field name.
    var fields: [String: SourceRange] = [:]
}
