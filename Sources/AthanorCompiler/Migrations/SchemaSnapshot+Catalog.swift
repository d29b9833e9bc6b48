extension SchemaSnapshot {
    /// The snapshot of a checked catalog: what its `createTables` creates, by SQL names.
    public init(catalog: Catalog) {
        var enums: [String: SnapshotEnum] = [:]
        for enumType in catalog.enums {
            enums[enumType.sqlName] = SnapshotEnum(name: enumType.name, values: enumType.cases.map(\.name))
        }
        var tables: [String: SnapshotTable] = [:]
        for model in catalog.models {
            tables[model.tableName] = Self.table(of: model, in: catalog)
        }
        self.init(enums: enums, tables: tables)
    }

    private static func table(of model: Model, in catalog: Catalog) -> SnapshotTable {
        var columns: [String: SnapshotColumn] = [:]
        for (position, column) in model.columns.enumerated() {
            let element: SnapshotType.Element = switch column.type.element {
            case .scalar(let scalar): .scalar(scalar)
            case .enumeration(let name): .enumeration(catalog.enumType(named: name)?.sqlName ?? SQLNaming.snakeCase(name))
            }
            columns[column.sqlName] = SnapshotColumn(
                field: column.name, type: SnapshotType(element: element, isArray: column.type.isArray),
                nullable: column.isOptional, default: column.defaultValue.map(SnapshotDefault.init), position: position)
        }
        var uniqueKeys: [String: [String]] = [:]
        for key in model.uniqueKeys { uniqueKeys[key.constraintName] = model.sqlNames(of: key.columns) }
        var indexes: [String: SnapshotIndex] = [:]
        for index in model.indexes {
            indexes[index.name] = SnapshotIndex(columns: model.sqlNames(of: index.columns), hashSharded: index.isHashSharded)
        }
        var foreignKeys: [String: SnapshotForeignKey] = [:]
        for key in model.foreignKeys {
            foreignKeys[key.constraintName] = SnapshotForeignKey(
                columns: model.sqlNames(of: [key.column]), referencedTable: key.referencedTable,
                referencedColumns: [key.referencedColumn], onDelete: key.onDelete)
        }
        return SnapshotTable(
            model: model.name, columns: columns,
            primaryKey: SnapshotKey(name: model.primaryKey.constraintName, columns: model.sqlNames(of: model.primaryKey.columns)),
            uniqueKeys: uniqueKeys, indexes: indexes, foreignKeys: foreignKeys)
    }
}
