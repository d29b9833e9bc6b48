/// Writes that touch only what they mean to: partial updates and upserts that update chosen
/// columns. The compiler wrote each statement's fixed parts whole; a call adds its assignments,
/// its filter and its columns.
extension RepositoryCore {
    /// `UPDATE <table> SET <automatic>, <assignments> WHERE <primary key> = $n RETURNING ...`:
    /// the row with primary key `id` after the assignments, nil when there is none.
    func update(_ id: Model.PrimaryKey, set assignments: [Assignment<Model>]) throws(AthanorError) -> RepositoryCall<Model?> {
        let query = try updateQuery(id, set: assignments)
        let bindings = try Bindings(query.parameters)
        return .statement(.write, SingleStatement(sql: query.sql, bindings: bindings) { [table] rows throws(AthanorError) in
            try rows.first.map { row throws(AthanorError) in try table.decode(row) }
        })
    }

    /// `UPDATE <table> SET <automatic>, <assignments> WHERE <filter>`: how many rows it updated.
    func updateWhere(_ filter: Filter<Model>, set assignments: [Assignment<Model>]) throws(AthanorError) -> RepositoryCall<Int> {
        let query = try updateWhereQuery(filter, set: assignments)
        let bindings = try Bindings(query.parameters)
        return .statement(.write, SingleStatement(sql: query.sql, bindings: bindings) { rows in rows.affectedRows })
    }

    /// The statement of ``update(_:set:)``.
    func updateQuery(_ id: Model.PrimaryKey?, set assignments: [Assignment<Model>]) throws(AthanorError) -> RepositoryQuery {
        var parameters: [any PostgresEncodable] = []
        var sql = try partialUpdate(assignments, &parameters)
        parameters.append(id as any PostgresEncodable)
        sql += " WHERE \(table.primaryKeyColumn) = $\(parameters.count) " + table.returning
        return RepositoryQuery(sql: sql, parameters: parameters)
    }

    /// The statement of ``updateWhere(_:set:)``.
    func updateWhereQuery(_ filter: Filter<Model>, set assignments: [Assignment<Model>]) throws(AthanorError) -> RepositoryQuery {
        var parameters: [any PostgresEncodable] = []
        var sql = try partialUpdate(assignments, &parameters)
        sql += " WHERE " + Filter.render(filter.pieces, into: &parameters)
        return RepositoryQuery(sql: sql, parameters: parameters)
    }

    /// `UPDATE <table> SET <automatic>, <assignments>`, its parameters appended to `parameters`.
    private func partialUpdate(_ assignments: [Assignment<Model>], _ parameters: inout [any PostgresEncodable]) throws(AthanorError) -> String {
        let set = table.partialUpdate.automatic + assignments.map { Filter.render($0.pieces, into: &parameters) }
        guard !set.isEmpty else { throw .misuse("a partial update of \(table.modelName) needs at least one assignment") }
        return table.partialUpdate.head + " " + set.joined(separator: ", ")
    }

    /// The upsert on `key` that, on a conflict, updates only `columns` (and what every update
    /// sets: `updatedAt`, the `@version`):
    /// `INSERT ... ON CONFLICT (<key>) DO UPDATE SET a = excluded.a, ... RETURNING ...`.
    func upsert(_ key: MatchKeyDescription, updating columns: [any ModelColumn<Model>]) -> WriteStatement {
        var set = columns.map { "\($0.sqlName) = excluded.\($0.sqlName)" } + key.conflict.automatic
        // Nothing to update: set a key column to itself, so that the row still comes back.
        if set.isEmpty, let first = key.columns.first { set = ["\(first) = excluded.\(first)"] }
        var suffix = " " + key.conflict.target + " DO UPDATE SET " + set.joined(separator: ", ")
        if let condition = key.conflict.condition { suffix += " " + condition }
        return key.conflict.insert.appending(suffix + " " + table.returning)
    }
}
