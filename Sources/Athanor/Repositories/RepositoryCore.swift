/// The work behind every repository method, written once: each method plans a
/// ``RepositoryCall``, synchronous code that runs on a leased connection's thread (statements,
/// then decoding), and ``Repository`` and ``BlockingRepository`` run the plan. Parameters are
/// encoded and match keys checked here, before any connection is leased.
struct RepositoryCore<Model: TableModel>: Sendable {
    /// The table.
    let table: TableDescription<Model>
    /// The most rows one bulk statement carries (fewer for a `VALUES` list).
    let batchSize: Int

    init(batchSize: Int) {
        table = Model.table
        self.batchSize = batchSize
    }

    /// The row with primary key `id`, or nil.
    func get(_ id: Model.PrimaryKey) throws(AthanorError) -> RepositoryCall<Model?> {
        try first(table.get, [id])
    }

    /// The row whose match key `key` has the values `values`, or nil.
    func find(_ key: Model.MatchKey, _ values: [any PostgresEncodable]) throws(AthanorError) -> RepositoryCall<Model?> {
        try first(table.key(key).find, values)
    }

    /// The rows matching `filter`, in `orderBy` order, paged.
    func list(
        where filter: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, offset: Int?
    ) throws(AthanorError) -> RepositoryCall<[Model]> {
        let query = table.listQuery(windowed: false, where: filter, orderBy: orderBy, limit: limit, offset: offset)
        let bindings = try Bindings(query.parameters)
        return .statement(.read, SingleStatement(sql: query.sql, bindings: bindings) { [table] rows throws(AthanorError) in
            try Self.decodeAll(rows, table)
        })
    }

    /// One page and the number of rows matching `filter`: one statement (`count(*) OVER ()`), and
    /// a `count(*)` on the same connection only when the page is empty past its first row.
    func listAndCount(
        where filter: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, offset: Int?
    ) throws(AthanorError) -> RepositoryCall<(items: [Model], total: Int)> {
        let page = table.listQuery(windowed: true, where: filter, orderBy: orderBy, limit: limit, offset: offset)
        let bindings = try Bindings(page.parameters)
        let countsWhenEmpty = (offset ?? 0) != 0 || limit == 0
        return .work(.read) { [table] connection throws(AthanorError) in
            let rows = try connection.run(page.sql, bindings)
            if let first = rows.first {
                return (try Self.decodeAll(rows, table), Int(try first.decode(Int64.self, at: first.count - 1)))
            }
            guard countsWhenEmpty else { return ([], 0) }
            let total = RepositoryQuery(table.count, where: filter)
            return ([], Int(try connection.run(total.sql, Bindings(total.parameters))[0].decode(Int64.self, at: 0)))
        }
    }

    /// How many rows match `filter`.
    func count(where filter: Filter<Model>?) throws(AthanorError) -> RepositoryCall<Int> {
        let query = RepositoryQuery(table.count, where: filter)
        let bindings = try Bindings(query.parameters)
        return .statement(.read, SingleStatement(sql: query.sql, bindings: bindings) { rows throws(AthanorError) in
            Int(try rows[0].decode(Int64.self, at: 0))
        })
    }

    /// Whether any row matches `filter`: `SELECT 1 FROM <table> WHERE ... LIMIT 1`.
    func exists(where filter: Filter<Model>?) throws(AthanorError) -> RepositoryCall<Bool> {
        let query = RepositoryQuery(table.exists, where: filter, limit: 1)
        let bindings = try Bindings(query.parameters)
        return .statement(.read, SingleStatement(sql: query.sql, bindings: bindings) { rows in !rows.isEmpty })
    }

    /// Writes the single value `model` with `statement` (`key`: the match key of an upsert,
    /// checked for NULLs) and returns the stored row, nil when the statement returns none (an
    /// update of a missing row). The row travels as scalar parameters in one statement,
    /// prepared once per connection. On a model with a `@version` column, an update or upsert
    /// that returns no row looks the row up (by `id`, or by `key`) on the same connection: if
    /// it is there, the value was stale (``AthanorError/versionConflict(_:)``).
    func writeOne(
        _ model: Model, _ statement: WriteStatement, key: MatchKeyDescription? = nil, checksVersion: Bool = false
    ) throws(AthanorError) -> RepositoryCall<Model?> {
        let row = table.encodeRow(model)
        if let key { try table.checkMatchKey(key, row, which: "the value") }
        let bindings = try Bindings(row)
        let lookup: (sql: String, bindings: Bindings)? = checksVersion && table.version != nil
            ? (key?.find ?? table.get, try Bindings(key.map { key in key.positions.map { row[$0] } } ?? [row[0]])) : nil
        let write = SingleStatement(sql: statement.single, bindings: bindings) { [table] rows throws(AthanorError) in
            try rows.first.map { row throws(AthanorError) in try table.decode(row, reusing: model) }
        }
        guard let lookup else { return .statement(.write, write) }
        let writeWork = write.work
        return .work(.write) { [table] connection throws(AthanorError) in
            if let stored = try writeWork(connection) { return stored }
            if let current = try connection.run(lookup.sql, lookup.bindings).first {
                throw table.versionConflict(model, current: try table.decode(current))
            }
            return nil
        }
    }

    /// Writes `models` with `statement`'s bulk form (`key`: the match key of an upsert, checked
    /// over the whole call first), one statement per chunk of ``batchSize`` rows; several chunks
    /// run in one transaction, pipelined two at a time (``Connection/runPipelined(count:window:statement:handle:)``:
    /// the client encodes the next chunk and decodes the last while the server writes the one
    /// between), each encoded only when its turn comes. On a model with a
    /// `@version` column (`checksVersion`: an update or upsert), the call is one transaction
    /// and a value whose row did not come back was stale (or, for an update, missing):
    /// ``AthanorError/versionConflict(_:)`` naming it, and nothing is written.
    func write(
        _ models: [Model], _ statement: WriteStatement, key: MatchKeyDescription? = nil, checksVersion: Bool = false
    ) throws(AthanorError) -> RepositoryCall<[Model]> {
        guard !models.isEmpty else { return .value([]) }
        if let key { try table.checkMatchKeys(models, key) }
        let chunk = statement.bulk.rowsPerStatement(batchSize: batchSize)
        let versioned = checksVersion && table.version != nil
        guard models.count > chunk || versioned else {
            let (sql, parameters) = table.bulk(statement, models[...])
            let bindings = try Bindings(parameters)
            return .statement(.write, SingleStatement(sql: sql, bindings: bindings) { [table] rows throws(AthanorError) in
                try Self.decodeAll(rows, table, written: models[...])
            })
        }
        // A call of a few chunks is split into at least sixteen, so that the pipeline has work
        // to overlap: of two chunks of 5,000, the server writes the first while the client has
        // nothing to do but wait. (10,000 rows, `scripts/bench-ab`: four chunks 1.09x two,
        // eight 1.09x four, sixteen 1.05x eight; W9's 100,000 rows keep chunks of 5,000.)
        let size = models.count > chunk ? min(chunk, (models.count + 15) / 16) : chunk
        let chunks = stride(from: 0, to: models.count, by: size).map { $0..<min($0 + size, models.count) }
        return .work(.transaction) { [table] connection throws(AthanorError) in
            var stored: [Model] = []
            stored.reserveCapacity(models.count)
            try connection.runPipelined(count: chunks.count) { index throws(AthanorError) in
                let (sql, parameters) = table.bulk(statement, models[chunks[index]])
                return (sql, try Bindings(parameters))
            } handle: { index, rows throws(AthanorError) in
                stored += try Self.decodeAll(rows, table, written: models[chunks[index]])
            }
            if versioned && stored.count < models.count { throw table.firstStale(models, stored: stored, key: key) }
            return stored
        }
    }

    /// Writes `models` with binary `COPY` in one transaction and returns how many rows were
    /// written. Its round trips: BEGIN, the columns' types (a prepared `SELECT ... LIMIT 0`,
    /// cached per connection), the COPY with its rows streamed in chunks of
    /// ``Connection/copyChunkBytes``, COMMIT.
    func copy(_ models: [Model]) throws(AthanorError) -> RepositoryCall<Int> {
        guard !models.isEmpty else { return .value(0) }
        let target = table.copy
        // A model whose every column has a default (a BigIntBase without fields) copies nothing.
        guard !target.columns.isEmpty else { return try write(models, table.insert).map(\.count) }
        let encodeRow = table.encodeRow
        return .work(.transaction) { connection throws(AthanorError) in
            try connection.copy(
                into: target.table, columns: target.columns,
                rows: models.lazy.map { target.skipsID ? Array(encodeRow($0).dropFirst()) : encodeRow($0) })
        }
    }

    /// Deletes the row with primary key `id`; whether there was one.
    func delete(_ id: Model.PrimaryKey) throws(AthanorError) -> RepositoryCall<Bool> {
        try affected(table.deleteByID, [id]).map { $0 > 0 }
    }

    /// Deletes the rows whose primary key is in `ids`; how many there were.
    func deleteMany(_ ids: [Model.PrimaryKey]) throws(AthanorError) -> RepositoryCall<Int> {
        try affected(table.deleteByIDs, [ids])
    }

    /// Deletes the rows matching `filter`; how many there were.
    func deleteWhere(_ filter: Filter<Model>) throws(AthanorError) -> RepositoryCall<Int> {
        let query = RepositoryQuery(table.delete, where: filter)
        return try affected(query.sql, query.parameters)
    }

    /// The first row `sql` returns, decoded, or nil.
    private func first(_ sql: String, _ parameters: [any PostgresEncodable]) throws(AthanorError) -> RepositoryCall<Model?> {
        let bindings = try Bindings(parameters)
        return .statement(.read, SingleStatement(sql: sql, bindings: bindings) { [table] rows throws(AthanorError) in
            try rows.first.map { row throws(AthanorError) in try table.decode(row) }
        })
    }

    /// How many rows the write `sql` affected.
    private func affected(_ sql: String, _ parameters: [any PostgresEncodable]) throws(AthanorError) -> RepositoryCall<Int> {
        let bindings = try Bindings(parameters)
        return .statement(.write, SingleStatement(sql: sql, bindings: bindings) { rows in rows.affectedRows })
    }

    /// The row `get(id)` found; ``RecordNotFound`` when none (the key formatted only then: on
    /// every call it showed as an allocation per `get` in the benchmarks' W5).
    func found(_ model: Model?, id: Model.PrimaryKey) throws(RecordNotFound) -> Model {
        guard let model else { throw RecordNotFound(model: table.modelName, key: "\(id)") }
        return model
    }

    /// The row a single write of `value` returned; ``RecordNotFound`` naming `value.id` when none
    /// (an update of a missing row).
    func stored(_ row: Model?, _ value: Model) throws(RecordNotFound) -> Model {
        guard let row else { throw RecordNotFound(model: table.modelName, key: String(describing: value.id)) }
        return row
    }

    /// Every row of `rows`, decoded; when they are the rows a write of `written` returned, each
    /// reuses the storage of the value at its position (the server returns them in the order
    /// sent; a row that does not line up, say after a version check skipped one, only costs
    /// its copies).
    static func decodeAll(
        _ rows: Rows, _ table: TableDescription<Model>, written: ArraySlice<Model>? = nil
    ) throws(AthanorError) -> [Model] {
        var models: [Model] = []
        models.reserveCapacity(rows.count)
        guard let written else {
            for row in rows { models.append(try table.decode(row)) }
            return models
        }
        var next = written.startIndex
        for row in rows {
            models.append(try table.decode(row, reusing: next < written.endIndex ? written[next] : nil))
            next += 1
        }
        return models
    }
}
