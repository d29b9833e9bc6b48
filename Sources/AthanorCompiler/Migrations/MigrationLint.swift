/// Warnings about a migration's statements on a big, busy table, with the safer form where
/// there is one, at the schema line that causes them (`file:line:column: warning: ...`).
///
/// PostgreSQL: an index built without `CONCURRENTLY` on an existing table (writes wait), a unique
/// key added the same way, `SET NOT NULL` (a full scan under an exclusive lock), a foreign key
/// added without `NOT VALID` (every row checked under lock), a type change (a table rewrite).
/// CockroachDB: backfills of existing tables (a new NOT NULL column with its default, a type
/// change, a fill of NULLs), which run as schema-change jobs over every row. An index led by an
/// ever-growing column is the ``Advisor``'s warning, reported with every compilation.
struct MigrationLint {
    let catalog: Catalog
    let locations: [String: ModelLocations]

    func warnings(for changes: [SchemaChange]) -> [Diagnostic] {
        var created: Set<String> = []
        for case .createTable(let name, _, _) in changes { created.insert(name) }
        var warnings: [Diagnostic] = []
        for change in changes {
            switch change {
            case .createIndex(let table, let name, _) where !created.contains(table):
                warnings.append(.warning("PostgreSQL: CREATE INDEX \(name) blocks writes to the existing table '\(table)' while it builds; "
                                         + "for a big table, edit postgresql.sql to 'CREATE INDEX CONCURRENTLY \(SQLIdentifier.quoted(name)) ...' on a line after "
                                         + "'\(MigrationScript.noTransactionDirective)'", at: indexRange(table, name)))
            case .addUnique(let table, let name, _) where !created.contains(table):
                warnings.append(.warning("PostgreSQL: the unique key \(name) builds its index while blocking writes to '\(table)'; for a big table, "
                                         + "build 'CREATE UNIQUE INDEX CONCURRENTLY \(SQLIdentifier.quoted(name)) ...' (marked athanor:no-transaction), then "
                                         + "'ALTER TABLE \(SQLIdentifier.quoted(table)) ADD CONSTRAINT \(SQLIdentifier.quoted(name)) "
                                         + "UNIQUE USING INDEX \(SQLIdentifier.quoted(name))'", at: modelRange(table)))
            case .setNotNull(let table, let column):
                warnings.append(.warning("PostgreSQL: SET NOT NULL on '\(table).\(column)' scans every row under an exclusive lock; for a big table, "
                                         + "add 'CHECK (\(SQLIdentifier.quoted(column)) IS NOT NULL) NOT VALID', 'VALIDATE CONSTRAINT' it, then SET NOT NULL "
                                         + "(PostgreSQL 12 and later skip the scan)", at: fieldRange(table, column)))
            case .addForeignKey(let table, let name, let key) where !created.contains(table):
                warnings.append(.warning("PostgreSQL: the foreign key \(name) checks every row of '\(table)' while blocking writes; for a big table, "
                                         + "add it with NOT VALID and run 'ALTER TABLE \(SQLIdentifier.quoted(table)) VALIDATE CONSTRAINT \(SQLIdentifier.quoted(name))' "
                                         + "in a later migration",
                                         at: referenceRange(table, column: key.columns.first)))
            case .alterColumnType(let table, let column, let from, let to):
                warnings.append(.warning("PostgreSQL: changing '\(table).\(column)' from \(from) to \(to) rewrites the table under an exclusive lock; "
                                         + "for a big table, add a new column, backfill it in batches and switch over", at: fieldRange(table, column)))
                warnings.append(.warning("CockroachDB: changing the type of '\(table).\(column)' backfills every row of '\(table)'; "
                                         + "it cannot run in an explicit transaction, nor on an indexed or defaulted column", at: fieldRange(table, column)))
            case .addColumn(let table, let column, let definition) where !created.contains(table) && !definition.nullable && definition.default != nil:
                warnings.append(.warning("CockroachDB: the NOT NULL column '\(table).\(column)' backfills its default into every row of '\(table)' "
                                         + "(a schema-change job); on a large table run the migration off-peak", at: fieldRange(table, column)))
            case .fillNulls(let table, let column, _, _):
                warnings.append(.warning("CockroachDB: filling the NULLs of '\(table).\(column)' updates every such row in one transaction; "
                                         + "for a large table, backfill in batches in a hand-written migration first", at: fieldRange(table, column)))
            default:
                break
            }
        }
        return warnings
    }

    private func model(_ table: String) -> Model? { catalog.models.first { $0.tableName == table } }

    private func modelRange(_ table: String) -> SourceRange? {
        model(table).flatMap { locations[$0.name]?.name }
    }

    private func fieldRange(_ table: String, _ column: String) -> SourceRange? {
        guard let model = model(table), let field = model.columns.first(where: { $0.sqlName == column }) else { return nil }
        return locations[model.name]?.fields[field.name] ?? locations[model.name]?.name
    }

    private func indexRange(_ table: String, _ name: String) -> SourceRange? {
        guard let model = model(table), let position = model.indexes.firstIndex(where: { $0.name == name }),
              let ranges = locations[model.name]?.indexes, ranges.indices.contains(position) else { return modelRange(table) }
        return ranges[position]
    }

    private func referenceRange(_ table: String, column: String?) -> SourceRange? {
        guard let model = model(table), let field = model.columns.first(where: { $0.sqlName == column }) else { return modelRange(table) }
        return locations[model.name]?.references[field.name] ?? modelRange(table)
    }
}
