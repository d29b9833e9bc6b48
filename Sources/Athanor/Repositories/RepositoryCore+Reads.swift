/// Reads beyond `get` and `list`: the first row, exactly one row, get-or-create, and keyset
/// pages. Each is the compiler's `SELECT` with what the call adds.
extension RepositoryCore {
    /// The first row matching `filter` in `orderBy` order, or nil: `SELECT ... WHERE ... ORDER BY ... LIMIT 1`.
    func first(where filter: Filter<Model>?, orderBy: [Ordering<Model>]) throws(AthanorError) -> RepositoryCall<Model?> {
        try list(where: filter, orderBy: orderBy, limit: 1, offset: nil).map(\.first)
    }

    /// Up to two rows matching `filter` (`LIMIT 2`): enough to tell none, one and several apart.
    func upToTwo(where filter: Filter<Model>) throws(AthanorError) -> RepositoryCall<[Model]> {
        try list(where: filter, orderBy: [], limit: 2, offset: nil)
    }

    /// The one row of `rows` (``upToTwo(where:)``'s); ``NoMatchingRecord`` or
    /// ``MultipleMatchingRecords`` naming `filter` otherwise.
    func one(_ rows: [Model], filter: Filter<Model>) throws -> Model {
        switch rows.count {
        case 1: return rows[0]
        case 0: throw NoMatchingRecord(model: table.modelName, filter: filter.description)
        default: throw MultipleMatchingRecords(model: table.modelName, filter: filter.description)
        }
    }

    /// The row matching `value` on `key`, or `value` inserted: its `find`, then
    /// `INSERT ... ON CONFLICT (<key>) DO NOTHING RETURNING ...`, then (when a concurrent call
    /// inserted it between the two) its `find` again, on one connection; `created` tells which.
    func getOrCreate(_ value: Model, matching key: Model.MatchKey) throws(AthanorError) -> RepositoryCall<(value: Model, created: Bool)> {
        let key = try table.key(key)
        let row = table.encodeRow(value)
        try table.checkMatchKey(key, row, which: "the value")
        let find = try Bindings(key.positions.map { row[$0] })
        let insert = key.conflict.insert.single + " " + key.conflict.target + " DO NOTHING " + table.returning
        let bindings = try Bindings(row)
        return .work(.write) { [table] connection throws(AthanorError) in
            if let found = try connection.run(key.find, find).first { return (try table.decode(found), false) }
            if let inserted = try connection.run(insert, bindings).first { return (try table.decode(inserted, reusing: value), true) }
            guard let found = try connection.run(key.find, find).first else {
                throw .misuse("getOrCreate of \(table.modelName): the row conflicting on (\(key.columns.joined(separator: ", "))) was deleted meanwhile")
            }
            return (try table.decode(found), false)
        }
    }

    /// One keyset page: `SELECT ... WHERE (<filter>) AND (<after the cursor>) ORDER BY <orderBy>,
    /// <primary key> LIMIT <limit + 1>` (the extra row tells whether there is a next page).
    func page(
        where filter: Filter<Model>?, orderBy: [Ordering<Model>], after cursor: PageCursor?, limit: Int
    ) throws(AthanorError) -> RepositoryCall<Page<Model>> {
        guard limit > 0 else { throw .misuse("a page of \(table.modelName) needs a limit of at least 1, not \(limit)") }
        let query = try pageQuery(where: filter, orderBy: orderBy, after: cursor, limit: limit)
        let bindings = try Bindings(query.sql.parameters)
        let terms = query.terms
        return .statement(.read, SingleStatement(sql: query.sql.sql, bindings: bindings) { [table] rows throws(AthanorError) in
            var items: [Model] = []
            items.reserveCapacity(min(rows.count, limit))
            for row in rows.prefix(limit) { items.append(try table.decode(row)) }
            guard rows.count > limit else { return Page(items: items, next: nil) }
            let last = rows[limit - 1]
            let values = try terms.map { term throws(AthanorError) -> [UInt8]? in
                guard let index = last.columnIndex(SQLIdentifier.unquoted(term.column)), let cell = last.cell(at: index) else {
                    throw .misuse("a page of \(table.modelName) is ordered by \(term.column), which is not one of its columns")
                }
                return cell.bytes.map { Array($0) }
            }
            return Page(items: items, next: PageCursor(values: values))
        })
    }

    /// The statement of ``page(where:orderBy:after:limit:)`` and its ordering terms (the call's,
    /// then the primary key unless it is among them).
    func pageQuery(
        where filter: Filter<Model>?, orderBy: [Ordering<Model>], after cursor: PageCursor?, limit: Int
    ) throws(AthanorError) -> (sql: RepositoryQuery, terms: [Ordering<Model>]) {
        var terms = orderBy
        let primaryKey = table.primaryKeyColumn
        if !terms.contains(where: { $0.column == primaryKey }) { terms.append(Ordering(column: primaryKey, isDescending: false)) }
        var parameters: [any PostgresEncodable] = []
        var conditions: [String] = []
        if let filter { conditions.append("(" + Filter.render(filter.pieces, into: &parameters) + ")") }
        if let cursor {
            guard cursor.values.count == terms.count else {
                throw .misuse("a page cursor of \(table.modelName) from another ordering (\(cursor.values.count) terms, not \(terms.count))")
            }
            // (a > $1) OR (a = $1 AND b < $2) OR ...: each term's direction, ties to the next term;
            // a nullable term as PostgreSQL orders NULLs (last for ASC, first for DESC), a NULL
            // cursor value compared with IS NULL (and sent as no parameter at all).
            var equal: [String] = []
            var alternatives: [String] = []
            for (term, value) in zip(terms, cursor.values) {
                guard let value else {
                    if term.isDescending { alternatives.append("(" + (equal + ["\(term.column) IS NOT NULL"]).joined(separator: " AND ") + ")") }
                    equal.append("\(term.column) IS NULL")
                    continue
                }
                parameters.append(CursorValue(bytes: value))
                let placeholder = "$\(parameters.count)"
                let beyond = "\(term.column) \(term.isDescending ? "<" : ">") \(placeholder)"
                let after = term.isNullable && !term.isDescending ? "(\(beyond) OR \(term.column) IS NULL)" : beyond
                alternatives.append("(" + (equal + [after]).joined(separator: " AND ") + ")")
                equal.append("\(term.column) = \(placeholder)")
            }
            if alternatives.isEmpty { alternatives.append("FALSE") }
            conditions.append("(" + alternatives.joined(separator: " OR ") + ")")
        }
        var sql = table.select
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY " + terms.map(\.sql).joined(separator: ", ")
        parameters.append(Int64(limit + 1))
        sql += " LIMIT $\(parameters.count)"
        return (RepositoryQuery(sql: sql, parameters: parameters), terms)
    }
}

extension RepositoryCore {
    /// The work of a streamed `list`: its statement in single-row mode, each row decoded and
    /// handed to `channel` in batches (sleeping while `channel` is full), on the connection's thread. Run
    /// again after some rows were handed over (a retry after a lost connection), it fails
    /// rather than hand them over twice.
    func stream(
        where filter: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, into channel: RowChannel<Model>
    ) throws(AthanorError) -> RepositoryCall<Void> {
        let query = table.listQuery(windowed: false, where: filter, orderBy: orderBy, limit: limit, offset: nil)
        let bindings = try Bindings(query.parameters)
        return .work(.read) { [table] connection throws(AthanorError) in
            let handed = channel.handedOver
            guard handed == 0 else {
                throw .misuse("the stream of \(table.modelName) broke after \(handed) rows; run it again from the start")
            }
            // Rows are decoded here and handed over in batches: when a batch is full, and
            // whenever the connection would wait for the server (so a slow result's rows are
            // not held back).
            let batchSize = channel.batchSize
            var batch: [Model] = []
            batch.reserveCapacity(batchSize)
            func handOver() -> Bool {
                guard !batch.isEmpty else { return true }
                defer { batch = []; batch.reserveCapacity(batchSize) }
                return channel.send(batch)
            }
            try connection.stream(query.sql, bindings, whenWaiting: handOver) { row throws(AthanorError) in
                do throws(AthanorError) {
                    batch.append(try table.decode(row))
                } catch {
                    _ = handOver()  // the rows before the one that failed, then the error
                    throw error
                }
                return batch.count < batchSize || handOver()
            }
            _ = handOver()
        }
    }
}
