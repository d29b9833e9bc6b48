extension SchemaDiffer {
    /// The primary key, unique keys, indexes and foreign keys of a kept table: an old one whose
    /// definition (read with the new names) and name match is kept; one whose definition matches
    /// under another name is renamed (its table or columns were); the rest are dropped and added.
    /// A dropped one on a column whose name a rename takes, or a foreign key to a table whose
    /// name a rename takes, is dropped before the renames (see ``TakenNames``).
    func diffConstraints(_ oldTable: SnapshotTable, _ newTable: SnapshotTable, table: String, mapping: NameMapping,
                         taken: TakenNames = TakenNames(), into plan: inout DiffPlan) {
        func phase(_ columns: [String]?) -> DiffPlan.Phase {
            (columns ?? []).contains(where: taken.columns.contains) ? .dropConstraintsOfTakenColumns : .dropConstraints
        }
        if oldTable.primaryKey.name != newTable.primaryKey.name {
            plan.add(.renameConstraint(table: table, from: oldTable.primaryKey.name, to: newTable.primaryKey.name, kind: .primaryKey),
                     phase: .renameConstraints)
        }
        let uniques = Self.match(old: oldTable.uniqueKeys.mapValues { mapping.columns($0) }, new: newTable.uniqueKeys)
        for name in uniques.dropped { plan.add(.dropUnique(table: table, name: name), phase: phase(oldTable.uniqueKeys[name])) }
        for rename in RenameOrder.order(uniques.renamed, errors: &plan.errors, what: "unique keys of '\(table)'") {
            plan.add(.renameConstraint(table: table, from: rename.from, to: rename.to, kind: .unique), phase: .renameConstraints)
        }
        for name in uniques.added {
            plan.add(.addUnique(table: table, name: name, columns: newTable.uniqueKeys[name] ?? []), phase: .addConstraints)
        }

        let indexes = Self.match(old: oldTable.indexes.mapValues { index in
            mapping.columns(index.columns).map { SnapshotIndex(columns: $0, hashSharded: index.hashSharded) }
        }, new: newTable.indexes)
        for name in indexes.dropped { plan.add(.dropIndex(table: table, name: name), phase: phase(oldTable.indexes[name]?.columns)) }
        for rename in RenameOrder.order(indexes.renamed, errors: &plan.errors, what: "indexes of '\(table)'") {
            plan.add(.renameIndex(table: table, from: rename.from, to: rename.to), phase: .renameConstraints)
        }
        for name in indexes.added {
            guard let index = newTable.indexes[name] else { continue }
            plan.add(.createIndex(table: table, name: name, index: index), phase: .addConstraints)
        }

        let foreignKeys = Self.match(old: oldTable.foreignKeys.mapValues { key -> SnapshotForeignKey? in
            guard let columns = mapping.columns(key.columns), let target = mapping.tables[key.referencedTable] else { return nil }
            return SnapshotForeignKey(columns: columns, referencedTable: target, referencedColumns: key.referencedColumns,
                                      onDelete: key.onDelete)
        }, new: newTable.foreignKeys)
        for name in foreignKeys.dropped {
            if let key = oldTable.foreignKeys[name], taken.tables.contains(key.referencedTable) {
                plan.add(.dropForeignKey(table: taken.oldTable, name: name), phase: .dropKeysToTakenTables)  // before the table renames
            } else {
                plan.add(.dropForeignKey(table: table, name: name), phase: phase(oldTable.foreignKeys[name]?.columns))
            }
        }
        for rename in RenameOrder.order(foreignKeys.renamed, errors: &plan.errors, what: "foreign keys of '\(table)'") {
            plan.add(.renameConstraint(table: table, from: rename.from, to: rename.to, kind: .foreignKey), phase: .renameConstraints)
        }
        for name in foreignKeys.added {
            guard let key = newTable.foreignKeys[name] else { continue }
            plan.add(.addForeignKey(table: table, name: name, key: key), phase: .addConstraints)
        }
    }

    /// Old definitions (already in new names; `nil` when they lost a column or a table) against
    /// new ones, by name: which are dropped, renamed and added, each list sorted.
    static func match<Definition: Hashable>(old: [String: Definition?], new: [String: Definition])
        -> (dropped: [String], renamed: [(from: String, to: String)], added: [String]) {
        var unusedOld = Set(old.keys)
        var pendingNew: [String] = []
        for name in new.keys.sorted() {
            if let definition = old[name] ?? nil, definition == new[name] {
                unusedOld.remove(name)
            } else {
                pendingNew.append(name)
            }
        }
        var renamed: [(from: String, to: String)] = []
        var added: [String] = []
        for name in pendingNew {
            let candidate = unusedOld.sorted().first { (old[$0] ?? nil) != nil && old[$0] ?? nil == new[name] }
            if let candidate {
                unusedOld.remove(candidate)
                renamed.append((candidate, name))
            } else {
                added.append(name)
            }
        }
        return (unusedOld.sorted(), renamed, added)
    }
}
