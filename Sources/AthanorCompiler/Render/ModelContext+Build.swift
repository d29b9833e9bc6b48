extension ModelContext {
    /// Computes everything the templates need for `model`.
    init(model: Model, catalog: Catalog) {
        let sql = RepositorySQL(model: model, catalog: catalog)
        let builder = RepositorySQLBuilder(model: model, catalog: catalog)
        docs = SwiftNames.docLines(model.documentation)
        modelName = model.name
        tableName = model.tableName.withVisibleControls
        quotedTable = SQLIdentifier.quoted(model.tableName)
        primaryKeyType = SwiftNames.type(ColumnType(element: .scalar(model.base.idType)))
        properties = model.columns.map { column in
            Property(docs: Self.docs(column, in: model), name: SwiftNames.identifier(column.name), type: Self.propertyType(column))
        }
        propertyNames = properties.map(\.name)
        parameters = Self.initializerOrder(model).map { column in
            Parameter(name: SwiftNames.identifier(column.name), type: Self.propertyType(column),
                      defaultValue: SwiftDefaults.value(for: column))
        }
        columns = model.columns.map { column in
            ColumnDescriptor(
                doc: "`\(SQLIdentifier.quoted(column.sqlName))`: \(column.type).",
                name: SwiftNames.identifier(column.name), quotedName: SQLIdentifier.quoted(column.sqlName),
                valueType: SwiftNames.type(column.type),
                castType: builder.enumType(column).map { $0 + (column.type.isArray ? "[]" : "") })
        }
        keys = zip(model.matchKeys, sql.keys).map { Self.key($0, $1, model: model, sql: sql) }
        uniqueKeys = keys.filter { !$0.isPrimaryKey }
        firstColumn = model.columns.first { $0.role == .field }.map { SwiftNames.identifier($0.name) } ?? "id"
        get = sql.get
        select = sql.select
        selectWithTotal = sql.selectWithTotal
        count = sql.count
        exists = sql.exists
        delete = sql.delete
        deleteByID = sql.deleteByID
        deleteByIDs = sql.deleteByIDs
        insert = Write(sql.insert)
        update = Write(sql.update)
        usesValues = sql.usesValues
        decoded = Self.initializerOrder(model).map { column in
            Decoded(label: SwiftNames.argumentLabel(column.name), member: SwiftNames.identifier(column.name), type: Self.propertyType(column),
                    index: model.columns.firstIndex(of: column) ?? 0)
        }
        encoded = builder.sourceColumns.map { column in
            Encoded(name: SwiftNames.identifier(column.name), isArray: column.type.isArray, isOptional: column.isOptional)
        }
        encodedNames = encoded.map(\.name)
        copyTable = sql.copyTable
        copyColumns = sql.copyColumns
        copySkipsID = sql.copySkipsID
        returning = sql.returning
        partialUpdateHead = sql.partialUpdateHead
        partialUpdateAutomatic = sql.partialUpdateAutomatic
        versionField = model.versionColumn.map(SwiftNames.identifier)
        let relations = RelationSQL(model: model, catalog: catalog)
        parents = relations.parents.map { parent in
            Relation(name: SwiftNames.identifier(parent.name), loader: SwiftNames.identifier(RelationNames.plural(parent.name)),
                     field: SwiftNames.identifier(parent.field), model: parent.model, load: parent.parents, exists: parent.exists)
        }
        children = relations.children.map { child in
            Relation(name: SwiftNames.identifier(child.name), loader: SwiftNames.identifier(child.name),
                     field: SwiftNames.identifier(child.field), model: child.model, load: child.children, exists: child.exists)
        }
        manyToMany = relations.manyToMany.map { related in
            Relation(name: SwiftNames.identifier(related.name), loader: SwiftNames.identifier(related.name), field: "",
                     model: related.model, load: related.related, exists: related.exists)
        }
    }

    /// The schema's `///` comment, or a line naming the column and its keys.
    static func docs(_ column: Column, in model: Model) -> [String] {
        let schemaDocs = SwiftNames.docLines(column.documentation)
        guard schemaDocs.isEmpty else { return schemaDocs }
        var line = "The `\(column.sqlName)` column"
        if model.uniqueKeys.contains(where: { $0.columns == [column.name] }) { line += " (unique: a match key)" }
        if let key = model.foreignKeys.first(where: { $0.column == column.name }) { line += ", a reference to ``\(key.referencedModel)``" }
        return [line + "."]
    }

    /// `Athanor.UUID`; `Swift.Int64?` for a sequential id (nil until the database assigns it).
    static func propertyType(_ column: Column) -> String {
        column.role == .primaryKey && column.type.element == .scalar(.int64)
            ? SwiftNames.type(ColumnType(element: .scalar(.int64), isOptional: true)) : SwiftNames.type(column.type)
    }

    /// The initializer's parameters: the fields without a default first, then the defaulted
    /// fields, then `id` and the audit columns.
    static func initializerOrder(_ model: Model) -> [Column] {
        let fields = model.columns.filter { $0.role == .field }
        let required = fields.filter { SwiftDefaults.value(for: $0) == nil }
        let defaulted = fields.filter { SwiftDefaults.value(for: $0) != nil }
        return required + defaulted + model.columns.filter { $0.role != .field }
    }

    static func key(_ key: MatchKey, _ sql: RepositorySQL.Key, model: Model, sql table: RepositorySQL) -> Key {
        let columns = key.columns.compactMap(model.column(named:))
        let caseName = key.kind == .primaryKey ? "id"
            : SwiftNames.identifier(columns.enumerated().map { $0.offset == 0 ? $0.element.name : SwiftNames.upperFirst($0.element.name) }.joined())
        let fieldList = columns.map { "`\($0.name)`" }.joined(separator: ", ")
        let what = key.kind == .primaryKey ? "primary" : "unique"
        return Key(
            doc: "The \(what) key \(fieldList) (`\(key.constraintName.withVisibleControls)`).", fieldList: fieldList,
            caseName: caseName, constraint: key.constraintName, isPrimaryKey: key.kind == .primaryKey,
            // Never optional: NULLs are distinct in a unique key, so `column = NULL` would find nothing.
            fields: columns.map { Key.Field(schemaName: $0.name, name: SwiftNames.identifier($0.name), type: SwiftNames.baseType($0.type)) },
            columns: sql.columns, positions: sql.positions, find: sql.find, upsert: Write(sql.upsert),
            conflictInsert: Write(sql.conflictInsert), conflictTarget: sql.conflictTarget,
            conflictAutomatic: table.conflictAutomatic, conflictCondition: table.conflictCondition)
    }
}

extension ModelContext.Write {
    init(_ write: RepositorySQL.Write) {
        single = write.single
        switch write.bulk {
        case .unnest(let sql): unnest = sql
        case .values(let head, let types, let tail): values = Values(head: head, types: types, tail: tail)
        }
    }
}
