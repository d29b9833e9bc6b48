extension SchemaSnapshot {
    /// What makes the snapshot one no schema gives (a hand-edited `snapshot.json`): a key, index
    /// or foreign key on a column its table lacks or on no column, a foreign key to a table or
    /// column the snapshot lacks, a column of an enum type it lacks. Empty for a snapshot of a
    /// catalog; the differ reads names through these references, so it needs them to hold.
    public var inconsistencies: [String] {
        var problems: [String] = []
        for tableName in tables.keys.sorted() {
            guard let table = tables[tableName] else { continue }
            func check(_ columns: [String], of what: String) {
                if columns.isEmpty { problems.append("\(what) of the table '\(tableName)' has no column") }
                for column in columns where table.columns[column] == nil {
                    problems.append("\(what) of the table '\(tableName)' names the column '\(column)', which the table does not have")
                }
            }
            check(table.primaryKey.columns, of: "the primary key '\(table.primaryKey.name)'")
            for name in table.uniqueKeys.keys.sorted() { check(table.uniqueKeys[name] ?? [], of: "the unique key '\(name)'") }
            for name in table.indexes.keys.sorted() { check(table.indexes[name]?.columns ?? [], of: "the index '\(name)'") }
            for name in table.foreignKeys.keys.sorted() {
                guard let key = table.foreignKeys[name] else { continue }
                check(key.columns, of: "the foreign key '\(name)'")
                guard let target = tables[key.referencedTable] else {
                    problems.append("the foreign key '\(name)' of the table '\(tableName)' references the table '\(key.referencedTable)', which the snapshot does not have")
                    continue
                }
                if key.referencedColumns.count != key.columns.count {
                    problems.append("the foreign key '\(name)' of the table '\(tableName)' has \(key.columns.count) columns for \(key.referencedColumns.count) referenced ones")
                }
                for column in key.referencedColumns where target.columns[column] == nil {
                    problems.append("the foreign key '\(name)' of the table '\(tableName)' references the column '\(column)', which '\(key.referencedTable)' does not have")
                }
            }
            for columnName in table.columns.keys.sorted() {
                if case .enumeration(let enumName) = table.columns[columnName]?.type.element, enums[enumName] == nil {
                    problems.append("the column '\(columnName)' of the table '\(tableName)' has the enum type '\(enumName)', which the snapshot does not have")
                }
            }
        }
        return problems
    }
}
