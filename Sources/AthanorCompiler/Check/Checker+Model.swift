extension Checker {
    /// Checks one model and builds it; `nil` when its header or any of its parts is wrong.
    mutating func checkModel(_ declared: DeclaredModel) -> Model? {
        let syntax = declared.syntax
        let errorsBefore = diagnostics.errorCount
        let header = symbols.headers[syntax.name.name]
        let base = header?.base ?? .uuid
        let tableName = header?.tableName ?? SQLNaming.snakeCase(syntax.name.name)
        var locations = ModelLocations(name: syntax.name.range, base: syntax.base?.range)

        let baseColumns = BaseColumns.columns(for: base)
        var names = ColumnNames(baseColumns)
        var fields: [Column] = []
        var uniqueKeys: [MatchKey] = []
        var foreignKeys: [ForeignKey] = []
        var version: (name: String, range: SourceRange)?
        for field in syntax.fields {
            guard let column = checkField(field, base: base, names: &names) else { continue }
            fields.append(column)
            let attributes = checkFieldAttributes(field, column: column, table: tableName)
            if attributes.isUnique {
                uniqueKeys.append(MatchKey(kind: .unique, constraintName: SQLNaming.constraintName(
                    table: tableName, columns: [column.sqlName], suffix: "key"), columns: [column.name]))
            }
            fields[fields.count - 1].renamedFrom = attributes.renamedFrom
            locations.fields[column.name] = field.name.range
            if attributes.isVersion {
                let range = field.attributes.first { $0.name.name == "version" }?.range ?? field.name.range
                if let first = version {
                    diagnostics.error("a model has at most one '@version' field; '\(first.name)' is one already", at: range,
                                      notes: [.note("'\(first.name)' is marked here", at: first.range)])
                } else {
                    version = (column.name, range)
                }
            }
            if let reference = attributes.foreignKey {
                foreignKeys.append(reference.key)
                locations.references[column.name] = reference.range
            }
        }
        // Table order: id, the declared fields, then the audit columns.
        let columns = baseColumns.filter { $0.role == .primaryKey } + fields + baseColumns.filter { $0.role != .primaryKey }
        let modelAttributes = checkModelAttributes(syntax, columns: columns, table: tableName)
        uniqueKeys += modelAttributes.uniqueKeys
        locations.indexes = modelAttributes.indexRanges
        locationsByModel[syntax.name.name] = locations
        checkRenamesNameNothingCurrent(model: syntax.name.name, renamed: modelAttributes.renamedFrom, columns: columns)

        let errorsAfter = diagnostics.errorCount
        guard header != nil, errorsAfter == errorsBefore else { return nil }
        let primaryKey = MatchKey(kind: .primaryKey, constraintName: SQLNaming.constraintName(
            table: tableName, columns: [], suffix: "pkey"), columns: ["id"])
        return Model(name: syntax.name.name, documentation: syntax.documentation, sourceFile: path(of: declared.file),
                     base: base, tableName: tableName, columns: columns, primaryKey: primaryKey,
                     uniqueKeys: uniqueKeys, foreignKeys: foreignKeys, indexes: modelAttributes.indexes,
                     renamedFrom: modelAttributes.renamedFrom, versionColumn: version?.name)
    }

    /// A rename from a name the schema still declares would turn the other model's table (or the
    /// other field's column) into this one at the next migration: an error (found by
    /// scripts/fuzz's FuzzMigrationDiff, a migration from a schema to itself that was not empty).
    private mutating func checkRenamesNameNothingCurrent(model: String, renamed: Renaming?, columns: [Column]) {
        if let renamed, symbols.headers[renamed.from] != nil {
            diagnostics.error("'@@renamed(from: \"\(renamed.from)\")': '\(renamed.from)' is a model of the schema still "
                              + "(once a rename's migration is written, remove its '@@renamed'; to swap two names, go through a third in two migrations)", at: renamed.range)
        }
        for column in columns {
            guard let renamed = column.renamedFrom, columns.contains(where: { $0.name == renamed.from }) else { continue }
            diagnostics.error("'@renamed(from: \"\(renamed.from)\")': '\(renamed.from)' is a field of '\(model)' still "
                              + "(once a rename's migration is written, remove its '@renamed'; to swap two names, go through a third in two migrations)", at: renamed.range)
        }
    }

    /// Resolves a field to a column; reports duplicates, collisions with base columns, bad types and defaults.
    private mutating func checkField(_ field: FieldSyntax, base: BaseKind, names: inout ColumnNames) -> Column? {
        let name = field.name.name
        let sqlName = SQLNaming.snakeCase(name)
        if let clash = names.clash(name: name, sqlName: sqlName) {
            if clash.column.role != .field {
                diagnostics.error("field '\(name)' collides with the column '\(clash.column.name)' that \(base.schemaName) adds; rename the field",
                                  at: field.name.range)
            } else if clash.column.name == name {
                diagnostics.error("duplicate field '\(name)'", at: field.name.range,
                                  notes: [.note("'\(name)' is first declared here", at: clash.range)])
            } else {
                diagnostics.error("fields '\(clash.column.name)' and '\(name)' both become the SQL column '\(sqlName)'",
                                  at: field.name.range, notes: [.note("'\(clash.column.name)' is declared here", at: clash.range)])
            }
            return nil
        }
        if SwiftReservedNames.fieldNames.contains(name) {
            diagnostics.error("'\(name)' cannot name a field: it cannot be a property of the generated Swift struct; rename it",
                              at: field.name.range)
            return nil
        }
        checkIdentifierLength(sqlName, what: "column name", at: field.name.range)
        guard let type = resolveType(field.type) else { return nil }
        var defaultValue: DefaultValue?
        if let value = field.defaultValue {
            guard let checked = checkDefault(value, of: type, field: name) else { return nil }
            defaultValue = checked
        }
        let column = Column(name: name, sqlName: sqlName, type: type, defaultValue: defaultValue, role: .field,
                            documentation: field.documentation)
        names.claim(column, at: field.name.range)
        return column
    }
}

/// The schema and SQL names a model's columns have taken so far, for constant-time clash checks.
struct ColumnNames {
    private var bySchemaName: [String: (column: Column, range: SourceRange?)] = [:]
    private var bySQLName: [String: (column: Column, range: SourceRange?)] = [:]

    init(_ baseColumns: [Column]) {
        for column in baseColumns { claim(column, at: nil) }
    }

    mutating func claim(_ column: Column, at range: SourceRange?) {
        bySchemaName[column.name] = (column, range)
        bySQLName[column.sqlName] = (column, range)
    }

    /// The column that already has the schema name `name` or the SQL name `sqlName`.
    func clash(name: String, sqlName: String) -> (column: Column, range: SourceRange?)? {
        bySchemaName[name] ?? bySQLName[sqlName]
    }
}

/// The columns each base adds.
enum BaseColumns {
    static func columns(for base: BaseKind) -> [Column] {
        var columns = [
            Column(name: "id", sqlName: "id", type: ColumnType(element: .scalar(base.idType)), defaultValue: .generatedID,
                   role: .primaryKey, documentation: "The primary key, generated by the database."),
        ]
        if base.hasAuditColumns {
            let timestamp = ColumnType(element: .scalar(.timestamp))
            columns.append(Column(name: "createdAt", sqlName: "created_at", type: timestamp, defaultValue: .now,
                                  role: .createdAt, documentation: "When the row was inserted."))
            columns.append(Column(name: "updatedAt", sqlName: "updated_at", type: timestamp, defaultValue: .now,
                                  role: .updatedAt, documentation: "When the row was last inserted or updated."))
        }
        return columns
    }
}
