/// The warnings about a valid catalog: designs that work but hurt, some only on one dialect.
struct Advisor {
    let catalog: Catalog
    let locations: [String: ModelLocations]
    let dialects: Set<SQLDialect>

    func warnings() -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for model in catalog.models {
            let places = locations[model.name]
            if dialects.contains(.cockroachdb) {
                warnings += sequentialKeyWarning(model, at: places?.base)
            }
            warnings += unindexedForeignKeyWarnings(model, places: places)
            if dialects.contains(.cockroachdb) {
                warnings += monotonicIndexWarnings(model, places: places)
            }
        }
        return warnings
    }

    private func sequentialKeyWarning(_ model: Model, at range: SourceRange?) -> [Diagnostic] {
        guard model.base.isSequential else { return [] }
        let suggestion: BaseKind = model.base == .bigIntAudit ? .uuidAudit : .uuid
        return [.warning("\(model.base.schemaName) gives '\(model.tableName)' a sequential primary key, a write hotspot on a CockroachDB cluster; use \(suggestion.schemaName) unless the table stays small",
                         at: range)]
    }

    private func unindexedForeignKeyWarnings(_ model: Model, places: ModelLocations?) -> [Diagnostic] {
        let leadingColumns = Set(model.matchKeys.compactMap(\.columns.first) + model.indexes.compactMap(\.columns.first))
        return model.foreignKeys.filter { !leadingColumns.contains($0.column) }.map { key in
            .warning("no index starts with the foreign key '\(key.column)': deleting from '\(key.referencedTable)' and joining will scan '\(model.tableName)'; add '@@index(\(key.column))'",
                     at: places?.references[key.column])
        }
    }

    private func monotonicIndexWarnings(_ model: Model, places: ModelLocations?) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for (position, index) in model.indexes.enumerated() where !index.declaresHashSharding {
            guard let first = index.columns.first, let column = model.column(named: first),
                  Self.isMonotonic(column, in: model) else { continue }
            let range = places.flatMap { $0.indexes.indices.contains(position) ? $0.indexes[position] : nil }
            let columns = index.columns.joined(separator: ", ")
            warnings.append(.warning("the index '\(index.name)' starts with '\(first)', which only grows: on CockroachDB every insert lands on the same range; write '@@index(\(columns), hashSharded: true)'",
                                     at: range))
        }
        return warnings
    }

    /// Columns whose new values are always larger than the old ones: audit timestamps, `= now`
    /// timestamps and sequential ids.
    static func isMonotonic(_ column: Column, in model: Model) -> Bool {
        switch column.role {
        case .createdAt, .updatedAt: true
        case .primaryKey: model.base.isSequential
        case .field: column.type.element == .scalar(.timestamp) && column.defaultValue == .now && !column.type.isArray
        }
    }
}
