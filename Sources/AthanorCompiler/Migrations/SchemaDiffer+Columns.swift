extension SchemaDiffer {
    /// Pairs the columns of a table (declared renames, then same SQL name), lists added, dropped,
    /// renamed and altered columns, and returns the new name of each kept old column.
    func diffColumns(_ oldTable: SnapshotTable, _ newTable: SnapshotTable, oldName: String, newName: String,
                     into plan: inout DiffPlan) -> [String: String] {
        var newByOld: [String: String] = [:]
        var oldByNew: [String: String] = [:]
        var oldByField: [String: String] = [:]
        for (name, column) in oldTable.columns { oldByField[column.field] = name }
        let fieldRenames = renames.fields[newTable.model] ?? [:]
        let newNames = newTable.columns.keys.sorted()
        for name in newNames {
            guard let column = newTable.columns[name], let renaming = fieldRenames[column.field] else { continue }
            guard let oldColumn = oldByField[renaming.from] else {
                if oldByField[column.field] != nil { continue }  // renamed by an earlier migration
                let fields = oldTable.columns.values.map(\.field).sorted()
                plan.errors.append(.error("'@renamed(from: \"\(renaming.from)\")': the last migration's snapshot of \(newTable.model) has no field '\(renaming.from)'"
                                          + Suggestion.hint(for: renaming.from, among: fields), at: renaming.range))
                continue
            }
            guard newByOld[oldColumn] == nil else {
                plan.errors.append(.error("two fields of \(newTable.model) are renamed from '\(renaming.from)'", at: renaming.range))
                continue
            }
            newByOld[oldColumn] = name
            oldByNew[name] = oldColumn
        }
        for name in newNames where oldByNew[name] == nil && oldTable.columns[name] != nil && newByOld[name] == nil {
            newByOld[name] = name
            oldByNew[name] = name
        }
        let renamed = newByOld.filter { $0.key != $0.value }.map { (from: $0.key, to: $0.value) }
        for rename in RenameOrder.order(renamed, errors: &plan.errors, what: "columns of '\(newName)'") {
            plan.add(.renameColumn(table: newName, from: rename.from, to: rename.to), phase: .renameColumns)
        }
        for name in newNames {
            guard let column = newTable.columns[name] else { continue }
            if let oldColumn = oldByNew[name].flatMap({ oldTable.columns[$0] }) {
                diffColumn(oldColumn, column, table: newName, name: name, model: newTable.model, into: &plan)
            } else {
                let reason: String? = column.nullable || column.default != nil ? nil
                    : "adds the column '\(newName).\(name)' NOT NULL without a default, which fails if the table has rows "
                        + "(give the field a default, or make it optional)"
                plan.add(.addColumn(table: newName, column: name, definition: column), phase: .alterColumns, destructive: reason)
            }
        }
        for name in oldTable.columns.keys.sorted() where newByOld[name] == nil {
            // A column whose name a rename takes is dropped before the renames.
            plan.add(.dropColumn(table: newName, column: name), phase: oldByNew[name] == nil ? .dropColumnsAndTables : .dropTakenColumns,
                     destructive: "drops the column '\(newName).\(name)' and its values "
                        + "(if the field was renamed, declare it: '@renamed(from: \"\(oldTable.columns[name]?.field ?? name)\")')")
        }
        return newByOld
    }

    private func diffColumn(_ old: SnapshotColumn, _ new: SnapshotColumn, table: String, name: String, model: String,
                            into plan: inout DiffPlan) {
        let typeChanged = old.type != new.type
        if typeChanged, new.default == .init(.generatedID) || old.default == .init(.generatedID) {
            plan.errors.append(.error("the primary key of \(model) changes from \(old.type) to \(new.type) (a change of base): "
                                      + "write this migration by hand ('athanor migrate diff NAME --empty')", at: nil))
            return
        }
        if old.nullable, !new.nullable {
            // Handled after the type and default below.
        } else if !old.nullable, new.nullable {
            plan.add(.dropNotNull(table: table, column: name), phase: .alterColumns)
        }
        if typeChanged {
            if old.default != nil { plan.add(.dropDefault(table: table, column: name), phase: .alterColumns) }
            let reason: String? = TypeWidening.widens(from: old.type, to: new.type) ? nil
                : "changes the type of '\(table).\(name)' from \(old.type) to \(new.type), which can fail on existing values or lose them"
            plan.add(.alterColumnType(table: table, column: name, from: old.type, to: new.type), phase: .alterColumns,
                     destructive: reason)
            if let value = new.default { plan.add(.setDefault(table: table, column: name, value: value, type: new.type), phase: .alterColumns) }
        } else if old.default != new.default {
            if let value = new.default {
                plan.add(.setDefault(table: table, column: name, value: value, type: new.type), phase: .alterColumns)
            } else {
                plan.add(.dropDefault(table: table, column: name), phase: .alterColumns)
            }
        }
        if old.nullable, !new.nullable {
            if let value = new.default {
                plan.add(.fillNulls(table: table, column: name, value: value, type: new.type), phase: .alterColumns)
                plan.add(.setNotNull(table: table, column: name), phase: .alterColumns)
            } else {
                plan.add(.setNotNull(table: table, column: name), phase: .alterColumns,
                         destructive: "makes '\(table).\(name)' NOT NULL without a default, which fails if a row holds NULL "
                            + "(give the field a default: existing NULLs then take it)")
            }
        }
    }
}

/// The type changes that keep every value: to a wider integer, to a wider float, from any number
/// to `Decimal`, from anything but bytes and JSON to `String`; arrays element by element.
enum TypeWidening {
    static func widens(from old: SnapshotType, to new: SnapshotType) -> Bool {
        guard old.isArray == new.isArray else { return false }
        switch (old.element, new.element) {
        case (.enumeration, .scalar(.string)):
            return true
        case (.scalar(let from), .scalar(let to)):
            return widens(from, to)
        default:
            return false
        }
    }

    private static func widens(_ from: ScalarType, _ to: ScalarType) -> Bool {
        switch (from, to) {
        case (.int16, .int32), (.int16, .int64), (.int32, .int64), (.float, .double): true
        case (.int16, .decimal), (.int32, .decimal), (.int64, .decimal): true
        case (_, .string): from != .bytes && from != .json
        default: false
        }
    }
}
