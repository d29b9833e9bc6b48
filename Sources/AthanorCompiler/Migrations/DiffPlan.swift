/// The changes of a diff being built, in phases that run in order, so that every statement runs
/// after what it depends on: a type before the column that uses it, a rename before what refers
/// to the new name, a drop of a constraint before a new one takes its name, a new table before a
/// foreign key to it, and anything destructive last — except a table or column whose name a
/// rename takes (model A dropped while model B is renamed to A's table): that one is dropped,
/// with the foreign keys and constraints that would stop its drop, just before the renames.
struct DiffPlan {
    enum Phase: Int, CaseIterable {
        case types, dropKeysToTakenTables, dropTakenTables, renameTables, dropConstraintsOfTakenColumns, dropTakenColumns,
             renameColumns, dropConstraints, renameConstraints, createTables, alterColumns, addConstraints,
             dropColumnsAndTables, dropTypes
    }

    private var phases: [Phase: [SchemaChange]] = [:]
    var destructive: [DestructiveChange] = []
    var errors: [Diagnostic] = []

    mutating func add(_ change: SchemaChange, phase: Phase, destructive reason: String? = nil) {
        phases[phase, default: []].append(change)
        if let reason { destructive.append(DestructiveChange(change: change, reason: reason)) }
    }

    func result() -> SchemaDiff {
        SchemaDiff(changes: Phase.allCases.flatMap { phases[$0] ?? [] }, destructive: destructive, errors: errors)
    }
}

/// Orders renames so that none takes a name another still holds (`b -> c` before `a -> b`);
/// a cycle (two names swapped) is an error: it needs a temporary name, in two migrations.
enum RenameOrder {
    static func order(_ renames: [(from: String, to: String)], errors: inout [Diagnostic],
                      what: String) -> [(from: String, to: String)] {
        var pending = renames.sorted { $0.from < $1.from }
        var ordered: [(from: String, to: String)] = []
        while !pending.isEmpty {
            let sources = Set(pending.map(\.from))
            guard let next = pending.firstIndex(where: { !sources.contains($0.to) }) else {
                let names = pending.map { "\($0.from) -> \($0.to)" }.joined(separator: ", ")
                errors.append(.error("renames of \(what) that swap names (\(names)) need a temporary name: "
                                     + "rename to a new name in one migration and to the final one in the next", at: nil))
                return ordered
            }
            ordered.append(pending.remove(at: next))
        }
        return ordered
    }
}

/// How old names read in the new schema: the tables' and one table's columns.
struct NameMapping {
    let tables: [String: String]
    let columns: [String: String]

    /// The new names of old columns; `nil` when one of them was dropped.
    func columns(_ names: [String]) -> [String]? {
        var mapped: [String] = []
        for name in names {
            guard let new = columns[name] else { return nil }
            mapped.append(new)
        }
        return mapped
    }
}
