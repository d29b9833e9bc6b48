/// Compares two snapshots and lists the changes that turn the first into the second: pure and
/// deterministic (every collection is walked in name order), so the same schemas always give
/// the same migration.
///
/// ```swift
/// let diff = SchemaDiffer(from: lastSnapshot, to: SchemaSnapshot(catalog: catalog),
///                         renames: RenameDeclarations(catalog: catalog)).diff()
/// let sql = MigrationRenderer(dialect: .postgresql).script(for: diff.changes).text
/// ```
public struct SchemaDiffer: Sendable {
    /// The schema the database has (the last migration's snapshot).
    public let old: SchemaSnapshot
    /// The schema the code has.
    public let new: SchemaSnapshot
    /// The renames the new schema declares.
    public let renames: RenameDeclarations

    /// Creates a differ.
    public init(from old: SchemaSnapshot, to new: SchemaSnapshot, renames: RenameDeclarations = RenameDeclarations()) {
        self.old = old
        self.new = new
        self.renames = renames
    }

    /// The changes, in the order they must run.
    public func diff() -> SchemaDiff {
        var plan = DiffPlan()
        diffEnums(into: &plan)
        let tables = matchTables(into: &plan)
        var columnMaps: [String: [String: String]] = [:]
        for (oldName, newName) in tables.newByOld.sorted(by: { $0.value < $1.value }) {
            guard let oldTable = old.tables[oldName], let newTable = new.tables[newName] else { continue }
            columnMaps[oldName] = diffColumns(oldTable, newTable, oldName: oldName, newName: newName, into: &plan)
        }
        let takenTables = tables.droppedNamesTaken(old: Set(old.tables.keys))
        for (oldName, newName) in tables.newByOld.sorted(by: { $0.value < $1.value }) {
            guard let oldTable = old.tables[oldName], let newTable = new.tables[newName] else { continue }
            let columns = columnMaps[oldName] ?? [:]
            let mapping = NameMapping(tables: tables.newByOld, columns: columns)
            let taken = TakenNames(tables: takenTables, oldTable: oldName,
                                   columns: Set(oldTable.columns.keys.filter { columns[$0] == nil && Set(columns.values).contains($0) }))
            diffConstraints(oldTable, newTable, table: newName, mapping: mapping, taken: taken, into: &plan)
        }
        createTables(tables, into: &plan)
        dropTables(tables, taken: takenTables, into: &plan)
        return plan.result()
    }

    // MARK: Enums

    private func diffEnums(into plan: inout DiffPlan) {
        for name in new.enums.keys.sorted() {
            guard let newEnum = new.enums[name] else { continue }
            guard let oldEnum = old.enums[name] else {
                plan.add(.createEnum(name: name, values: newEnum.values), phase: .types)
                continue
            }
            let removed = oldEnum.values.filter { !newEnum.values.contains($0) }
            let added = newEnum.values.filter { !oldEnum.values.contains($0) }
            let kept = newEnum.values.filter { oldEnum.values.contains($0) }
            if !removed.isEmpty {
                plan.errors.append(.error(Self.enumLossMessage(name: name, schemaName: newEnum.name, removed: removed, added: added),
                                          at: nil))
                continue
            }
            if kept != oldEnum.values {
                plan.errors.append(.error("the enum '\(newEnum.name)' (type \(name)) orders its existing values differently; "
                                          + "neither database can reorder enum values: keep their order, or write the migration by hand "
                                          + "(athanor migrate diff NAME --empty)", at: nil))
                continue
            }
            for (position, value) in newEnum.values.enumerated() where added.contains(value) {
                let placement: EnumValuePlacement = position == 0
                    ? .before(newEnum.values.first { oldEnum.values.contains($0) } ?? value)
                    : .after(newEnum.values[position - 1])
                plan.add(.addEnumValue(type: name, value: value, placement: placement), phase: .types)
            }
        }
        for name in old.enums.keys.sorted() where new.enums[name] == nil {
            plan.add(.dropEnum(name: name), phase: .dropTypes)
        }
    }

    static func enumLossMessage(name: String, schemaName: String, removed: [String], added: [String]) -> String {
        let lost = removed.map { "'\($0)'" }.joined(separator: ", ")
        if removed.count == 1, added.count == 1 {
            return "the enum '\(schemaName)' loses \(lost) and gains '\(added[0])': if it is a rename, write it by hand: "
                + "'athanor migrate diff NAME --empty', then in each dialect's SQL "
                + "'ALTER TYPE \(SQLIdentifier.quoted(name)) RENAME VALUE \(lost) TO '\(added[0])';'"
        }
        return "the enum '\(schemaName)' loses \(lost): neither database can drop an enum value that rows may hold; "
            + "write the migration by hand ('athanor migrate diff NAME --empty'): update the rows that hold \(lost), "
            + "create a new type, 'ALTER TABLE ... ALTER COLUMN ... TYPE new_type USING column::text::new_type' "
            + "for every column of the type, drop the old type and rename the new one"
    }

    // MARK: Tables

    private func matchTables(into plan: inout DiffPlan) -> TablePairing {
        var pairing = TablePairing()
        var oldByModel: [String: String] = [:]
        for name in old.tables.keys.sorted() {
            if let table = old.tables[name], oldByModel[table.model] == nil { oldByModel[table.model] = name }
        }
        let newNames = new.tables.keys.sorted()
        for newName in newNames {
            guard let table = new.tables[newName], let renaming = renames.models[table.model] else { continue }
            guard let oldName = oldByModel[renaming.from] else {
                if oldByModel[table.model] != nil { continue }  // renamed by an earlier migration
                plan.errors.append(.error("'@@renamed(from: \"\(renaming.from)\")': the last migration's snapshot has no model '\(renaming.from)'"
                                          + Suggestion.hint(for: renaming.from, among: Array(oldByModel.keys).sorted()),
                                          at: renaming.range))
                continue
            }
            guard pairing.newByOld[oldName] == nil else {
                plan.errors.append(.error("two models are renamed from '\(renaming.from)'", at: renaming.range))
                continue
            }
            pairing.pair(old: oldName, new: newName)
        }
        for newName in newNames where pairing.oldByNew[newName] == nil {
            if let model = new.tables[newName]?.model, let oldName = oldByModel[model], pairing.newByOld[oldName] == nil {
                pairing.pair(old: oldName, new: newName)
            }
        }
        for newName in newNames where pairing.oldByNew[newName] == nil {
            if old.tables[newName] != nil, pairing.newByOld[newName] == nil { pairing.pair(old: newName, new: newName) }
        }
        let renamed = pairing.newByOld.filter { $0.key != $0.value }.map { (from: $0.key, to: $0.value) }
        for rename in RenameOrder.order(renamed, errors: &plan.errors, what: "tables") {
            plan.add(.renameTable(from: rename.from, to: rename.to), phase: .renameTables)
        }
        return pairing
    }

    /// New tables, each after the new tables it references (name order otherwise); a foreign
    /// key to a table not created yet (a cycle) is added once every table exists.
    private func createTables(_ pairing: TablePairing, into plan: inout DiffPlan) {
        var existing = Set(pairing.oldByNew.keys)
        var pending = new.tables.keys.sorted().filter { pairing.oldByNew[$0] == nil }
        let created = Set(pending)
        while !pending.isEmpty {
            let ready = pending.firstIndex { name in
                new.tables[name]?.foreignKeys.values.allSatisfy { key in
                    key.referencedTable == name || existing.contains(key.referencedTable) || !created.contains(key.referencedTable)
                } ?? true
            } ?? 0
            let name = pending.remove(at: ready)
            guard let table = new.tables[name] else { continue }
            existing.insert(name)
            var inline: [String] = []
            for keyName in table.foreignKeys.keys.sorted() {
                guard let key = table.foreignKeys[keyName] else { continue }
                if existing.contains(key.referencedTable) {
                    inline.append(keyName)
                } else {
                    plan.add(.addForeignKey(table: name, name: keyName, key: key), phase: .addConstraints)
                }
            }
            plan.add(.createTable(name: name, table: table, inlineForeignKeys: inline), phase: .createTables)
            for indexName in table.indexes.keys.sorted() {
                guard let index = table.indexes[indexName] else { continue }
                plan.add(.createIndex(table: name, name: indexName, index: index), phase: .addConstraints)
            }
        }
    }

    /// Dropped tables, last; one whose name a rename takes (`taken`) before the renames, after
    /// the foreign keys of other dropped tables to it.
    private func dropTables(_ pairing: TablePairing, taken: Set<String>, into plan: inout DiffPlan) {
        let dropped = Set(old.tables.keys.filter { pairing.newByOld[$0] == nil })
        for name in dropped.sorted() {
            guard let table = old.tables[name] else { continue }
            for keyName in table.foreignKeys.keys.sorted() {
                if let key = table.foreignKeys[keyName], key.referencedTable != name, dropped.contains(key.referencedTable) {
                    if taken.contains(name) { continue }  // dropped with its table
                    plan.add(.dropForeignKey(table: name, name: keyName),
                             phase: taken.contains(key.referencedTable) ? .dropKeysToTakenTables : .dropConstraints)
                }
            }
            plan.add(.dropTable(name: name), phase: taken.contains(name) ? .dropTakenTables : .dropColumnsAndTables,
                     destructive: "drops the table '\(name)' (model \(table.model)) and every row in it")
        }
    }
}

/// Which old table became which new one.
struct TablePairing {
    var newByOld: [String: String] = [:]
    var oldByNew: [String: String] = [:]

    mutating func pair(old: String, new: String) {
        newByOld[old] = new
        oldByNew[new] = old
    }

    /// The dropped tables (of `old`, the old snapshot's names) whose names a rename takes.
    func droppedNamesTaken(old: Set<String>) -> Set<String> {
        old.filter { newByOld[$0] == nil && oldByNew[$0] != nil }
    }
}

/// The names a rename takes from an object dropped in the same migration, which must therefore
/// be dropped before the renames: dropped tables, and one kept table's dropped columns.
struct TakenNames {
    /// Dropped tables whose names a table rename takes.
    var tables: Set<String> = []
    /// The kept table's old name (its foreign keys to a taken table are dropped under it).
    var oldTable: String = ""
    /// The kept table's dropped columns whose names a column rename takes.
    var columns: Set<String> = []
}
