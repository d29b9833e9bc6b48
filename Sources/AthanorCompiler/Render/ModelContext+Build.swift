extension ModelContext {
    /// Computes everything the templates need for `model`.
    init(model: Model, catalog: Catalog) {
        let sql = RepositorySQL(model: model, catalog: catalog)
        let idColumn = model.columns.first { $0.role == .primaryKey }
        docs = SwiftNames.docLines(model.documentation)
        name = model.name
        tableName = model.tableName.withVisibleControls
        repository = model.name + "Repository"
        blockingRepository = model.name + "BlockingRepository"
        idType = idColumn.map { SwiftNames.type($0.type) } ?? "UUID"
        properties = model.columns.map { column in
            Property(docs: Self.docs(column, in: model), name: SwiftNames.identifier(column.name),
                     type: Self.propertyType(column))
        }
        parameters = Self.parameters(model)
        assignments = model.columns.map { SwiftNames.identifier($0.name) }
        columns = model.columns.map { column in
            let cast = RepositorySQLBuilder(model: model, catalog: catalog).enumType(column)
            return ColumnDescriptor(
                modelName: model.name, docs: ["/// `\(column.sqlName)`: \(column.type)."], name: SwiftNames.identifier(column.name),
                valueType: SwiftNames.type(column.type), sqlLiteral: SwiftNames.literal(SQLIdentifier.quoted(column.sqlName)),
                castArgument: cast.map { ", cast: " + SwiftNames.literal($0 + (column.type.isArray ? "[]" : "")) } ?? "")
        }
        keys = model.matchKeys.map { Self.key($0, model: model) }
        uniqueKeys = keys.filter(\.isUnique)
        select = SwiftNames.literal(sql.select)
        count = SwiftNames.literal(sql.count)
        delete = SwiftNames.literal(sql.delete)
        primaryKey = SwiftNames.literal(sql.primaryKey)
        finds = Self.entries(sql.finds.map { (SwiftNames.literal($0.constraint), SwiftNames.literal($0.sql)) })
        sourceColumns = "[" + sql.sourceColumns.map(SwiftNames.literal).joined(separator: ", ") + "]"
        sourceTypes = "[" + sql.sourceTypes.map(SwiftNames.literal).joined(separator: ", ") + "]"
        sourceRowTypes = "[" + sql.sourceRowTypes.map(SwiftNames.literal).joined(separator: ", ") + "]"
        sourceUsesValues = sql.sourceUsesValues
        insertHead = SwiftNames.literal(sql.insert.head)
        insertTail = SwiftNames.literal(sql.insert.tail)
        upserts = Self.entries(sql.upserts.map { (SwiftNames.literal($0.constraint), Self.bulkStatement($0.statement)) })
        updateHead = SwiftNames.literal(sql.update.head)
        updateTail = SwiftNames.literal(sql.update.tail)
        let order = Self.initializerOrder(model)
        decoded = order.enumerated().map { offset, column in
            Decoded(name: SwiftNames.argumentLabel(column.name), type: Self.propertyType(column),
                    index: model.columns.firstIndex(of: column) ?? offset, comma: offset == order.count - 1 ? "" : ",")
        }
        let source = model.columns.filter { $0.role == .primaryKey || $0.role == .field }
        encodedRow = source.enumerated().map { offset, column in
            "model." + SwiftNames.identifier(column.name) + (offset == source.count - 1 ? "" : ",")
        }
        firstColumn = model.columns.first { $0.role == .field }.map { SwiftNames.identifier($0.name) } ?? "id"
        encodedColumns = source.enumerated().map { offset, column in
            Self.columnArray(column) + (offset == source.count - 1 ? "" : ",")
        }
        copyTable = SwiftNames.literal(sql.copyTable)
        copyColumns = "[" + sql.copyColumns.map(SwiftNames.literal).joined(separator: ", ") + "]"
        let copied = source.filter { sql.copyColumns.contains($0.sqlName) }
        copiedRow = copied.enumerated().map { offset, column in
            "model." + SwiftNames.identifier(column.name) + (offset == copied.count - 1 ? "" : ",")
        }
    }

    /// The schema's `///` comment, or a line naming the column and its keys.
    static func docs(_ column: Column, in model: Model) -> [String] {
        let schemaDocs = SwiftNames.docLines(column.documentation)
        guard schemaDocs.isEmpty else { return schemaDocs }
        var line = "/// The `\(column.sqlName)` column"
        if model.uniqueKeys.contains(where: { $0.columns == [column.name] }) { line += " (unique: a match key)" }
        if let key = model.foreignKeys.first(where: { $0.column == column.name }) { line += ", a reference to ``\(key.referencedModel)``" }
        return [line + "."]
    }

    /// The `unnest` parameter of a column: `models.map(\\.email)`, or for an array column one
    /// array literal per row, `models.map { PostgresArrayLiteral.text($0.tags) }`.
    static func columnArray(_ column: Column) -> String {
        let name = SwiftNames.identifier(column.name)
        guard column.type.isArray else { return "models.map(\\.\(name))" }
        if column.isOptional { return "models.map { $0.\(name).map { PostgresArrayLiteral.text($0) } }" }
        return "models.map { PostgresArrayLiteral.text($0.\(name)) }"
    }

    /// `UUID`; `Int64?` for a sequential id (nil until the database assigns it).
    static func propertyType(_ column: Column) -> String {
        column.role == .primaryKey && column.type.element == .scalar(.int64) ? "Int64?" : SwiftNames.type(column.type)
    }

    /// The initializer's parameters: the fields without a default first, then the defaulted
    /// fields, then `id` and the audit columns.
    static func initializerOrder(_ model: Model) -> [Column] {
        let fields = model.columns.filter { $0.role == .field }
        let required = fields.filter { SwiftDefaults.expression(for: $0) == nil }
        let defaulted = fields.filter { SwiftDefaults.expression(for: $0) != nil }
        return required + defaulted + model.columns.filter { $0.role != .field }
    }

    static func parameters(_ model: Model) -> [Parameter] {
        let ordered = initializerOrder(model)
        return ordered.enumerated().map { offset, column in
            Parameter(name: SwiftNames.identifier(column.name), type: propertyType(column),
                      defaultClause: SwiftDefaults.expression(for: column).map { " = " + $0 } ?? "",
                      comma: offset == ordered.count - 1 ? "" : ",")
        }
    }

    static func key(_ key: MatchKey, model: Model) -> Key {
        let columns = key.columns.compactMap(model.column(named:))
        let caseName = key.kind == .primaryKey ? "id"
            : SwiftNames.identifier(columns.enumerated().map { $0.offset == 0 ? $0.element.name : SwiftNames.upperFirst($0.element.name) }.joined())
        let what = key.kind == .primaryKey ? "The primary key" : "The unique key"
        let list = columns.map { "`\($0.name)`" }.joined(separator: ", ")
        return Key(
            modelName: model.name, docs: ["/// \(what) \(list) (`\(key.constraintName.withVisibleControls)`)."], caseName: caseName,
            constraint: SwiftNames.literal(key.constraintName),
            // Never optional: NULLs are distinct in a unique key, so `column = NULL` would find nothing.
            parameters: columns.map { "\(SwiftNames.identifier($0.name)): \(SwiftNames.baseType($0.type))" }.joined(separator: ", "),
            arguments: "[" + columns.map { SwiftNames.identifier($0.name) }.joined(separator: ", ") + "]",
            isUnique: key.kind == .unique)
    }

    static func entries(_ pairs: [(String, String)]) -> [Entry] {
        pairs.enumerated().map { offset, pair in
            Entry(key: pair.0, value: pair.1, comma: offset == pairs.count - 1 ? "" : ",")
        }
    }

    static func bulkStatement(_ split: RepositorySQL.Split) -> String {
        var text = "BulkStatement(\n                head: \(SwiftNames.literal(split.head)),\n                tail: \(SwiftNames.literal(split.tail))"
        if !split.keyColumns.isEmpty {
            text += ",\n                keyColumns: [" + split.keyColumns.map(SwiftNames.literal).joined(separator: ", ") + "]"
        }
        return text + "\n            )"
    }
}
