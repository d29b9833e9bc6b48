/// The Swift back end: typed models and repositories from the catalog, through the templates.
///
/// ```swift
/// let emitter = try SwiftEmitter(catalog: catalog)
/// let shop = emitter.renderFile(for: "schemas/Shop.schema", named: "Shop.schema")
/// let schema = emitter.renderSchema(sourceNames: ["Shop.schema"])
/// ```
/// The output is deterministic: the same catalog and templates always give the same bytes.
public struct SwiftEmitter: Sendable {
    let catalog: Catalog
    let templates: SwiftTemplates

    /// An emitter for `catalog`, with the built-in templates or `templates`.
    public init(catalog: Catalog, templates: SwiftTemplates) {
        self.catalog = catalog
        self.templates = templates
    }

    /// An emitter with the built-in templates.
    public init(catalog: Catalog) throws(SwiftTemplates.Failure) {
        self.init(catalog: catalog, templates: try SwiftTemplates())
    }

    /// The Swift of the enums and models that `sourceFile` (a catalog display path) declares;
    /// `displayName` goes into the "generated from" line.
    public func renderFile(for sourceFile: String, named displayName: String) -> String {
        let context = SwiftFileContext(
            sourceName: displayName.withVisibleControls,
            enums: catalog.enums.filter { $0.sourceFile == sourceFile }.map(Self.enumContext),
            models: catalog.models.filter { $0.sourceFile == sourceFile }.map { ModelContext(model: $0, catalog: catalog) })
        return Self.tidy(templates.render(context, "SchemaFile.swift"))
    }

    /// `AthanorSchema`: the DDL of both dialects, `createTables(on:)`, the embedded migrations
    /// and `migrate(on:)`.
    public func renderSchema(sourceNames: [String], migrations: [EmbeddedMigration] = []) -> String {
        let context = SchemaContext(
            sourceNames: sourceNames.map(\.withVisibleControls),
            modelNames: catalog.models.map(\.name),
            scripts: [SQLDialect.postgresql, .cockroachdb].map { dialect in
                let script = DDLEmitter(catalog: catalog, dialect: dialect).script()
                return ScriptContext(name: dialect.rawValue, header: script.header, statements: script.statements)
            },
            migrations: migrations.sorted { $0.id < $1.id }.map { migration in
                MigrationContext(id: migration.id, scripts: SQLDialect.allCases.compactMap { dialect in
                    migration.sql[dialect].map { MigrationContext.DialectSQL(dialect: dialect.rawValue, text: $0) }
                })
            })
        return Self.tidy(templates.render(context, "Schema.swift"))
    }

    static func enumContext(_ type: EnumType) -> EnumContext {
        EnumContext(
            docs: SwiftNames.docLines(type.documentation), name: type.name, sqlName: type.sqlName,
            cases: type.cases.map { EnumContext.Case(docs: SwiftNames.docLines($0.documentation), name: SwiftNames.identifier($0.name)) })
    }

    /// Trailing spaces removed, and exactly one newline at the end.
    static func tidy(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpaces = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "):
                pendingSpaces += 1
            case UInt8(ascii: "\n"):
                pendingSpaces = 0
                output.append(byte)
            default:
                if pendingSpaces > 0 {
                    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: pendingSpaces))
                    pendingSpaces = 0
                }
                output.append(byte)
            }
        }
        while output.last == UInt8(ascii: "\n") { output.removeLast() }
        output.append(UInt8(ascii: "\n"))
        return String(decoding: output, as: UTF8.self)
    }
}
