/// The work behind every generated repository (async form): generated code checks the types
/// and picks the SQL; this runs it on a ``DatabaseExecutor`` and decodes the rows.
@_spi(Generated)
public struct RepositoryCore<Model: Sendable>: Sendable {
    /// The pool or transaction.
    public let database: any DatabaseExecutor
    /// The table.
    public let table: TableDescriptor<Model>
    /// The most rows one bulk statement carries (fewer for `VALUES` sources).
    public let batchSize: Int

    /// Creates the core.
    public init(database: any DatabaseExecutor, table: TableDescriptor<Model>, batchSize: Int = 5_000) {
        self.database = database
        self.table = table
        self.batchSize = batchSize
    }

    /// The row with primary key `id`, or ``RecordNotFound``. `description` (the key in the
    /// error) is only built when the row is missing: formatting it on every call showed as an
    /// allocation per `get` in the benchmarks' W5.
    public func get(_ id: some PostgresEncodable, description: @autoclosure () -> String) async throws -> Model {
        let sql = table.getByID
        guard let model = try await first(sql, [id]) else {
            throw RecordNotFound(model: table.modelName, key: description())
        }
        return model
    }

    /// The row whose match key `key` has the values `parameters`, or nil.
    public func find(key: String, _ parameters: [any PostgresEncodable]) async throws -> Model? {
        guard let sql = table.finds[key] else { throw AthanorError.misuse("no match key \(key)") }
        return try await first(sql, parameters)
    }

    func first(_ sql: String, _ parameters: [any PostgresEncodable]) async throws -> Model? {
        let rows = try await database.query(sql, parameters, idempotent: true)
        guard let row = rows.first else { return nil }
        return try table.decode(row)
    }

    /// The rows matching `filter`, in `orderBy` order.
    public func list(where filter: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, offset: Int?) async throws -> [Model] {
        let query = table.listQuery(where: filter, orderBy: orderBy, limit: limit, offset: offset)
        return try decodeAll(try await database.query(query.sql, query.parameters, idempotent: true))
    }

    /// One page of rows and the number of rows matching `filter`: one statement
    /// (`count(*) OVER ()`), and a second one only when the page is empty.
    public func listAndCount(
        where filter: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, offset: Int?
    ) async throws -> (items: [Model], total: Int) {
        let total = RepositoryQuery(table.count, where: filter)
        guard table.selectWithTotal != nil else {
            let items = try await list(where: filter, orderBy: orderBy, limit: limit, offset: offset)
            return (items, try await count(where: filter))
        }
        let page = table.listQuery(windowed: true, where: filter, orderBy: orderBy, limit: limit, offset: offset)
        let rows = try await database.query(page.sql, page.parameters, idempotent: true)
        if let first = rows.first {
            return (try decodeAll(rows), Int(try first.decode(Int64.self, at: first.count - 1)))
        }
        if (offset ?? 0) == 0, limit != 0 { return ([], 0) }
        return ([], Int(try await database.query(total.sql, total.parameters, idempotent: true)[0].decode(Int64.self, at: 0)))
    }

    /// How many rows match `filter`.
    public func count(where filter: Filter<Model>?) async throws -> Int {
        let query = RepositoryQuery(table.count, where: filter)
        return Int(try await database.query(query.sql, query.parameters, idempotent: true)[0].decode(Int64.self, at: 0))
    }

    /// Whether any row matches `filter`.
    public func exists(where filter: Filter<Model>?) async throws -> Bool {
        let query = RepositoryQuery.exists(table.select, where: filter)
        return try await database.query(query.sql, query.parameters, idempotent: true)[0].decode(Bool.self, at: 0)
    }

    /// Writes `models` with `statement`, one statement per chunk; several chunks share one transaction.
    public func write(_ models: [Model], _ statement: BulkStatement) async throws -> [Model] {
        guard !models.isEmpty else { return [] }
        try table.checkMatchKeys(models, statement)
        let chunk = table.source.rowsPerStatement(batchSize: batchSize)
        if models.count <= chunk {
            return try await writeChunk(models[...], statement, on: database)
        }
        return try await database.inTransaction { transaction in
            var stored: [Model] = []
            stored.reserveCapacity(models.count)
            var start = 0
            while start < models.count {
                let end = min(start + chunk, models.count)
                stored += try await writeChunk(models[start..<end], statement, on: transaction)
                start = end
            }
            return stored
        }
    }

    func writeChunk(_ models: ArraySlice<Model>, _ statement: BulkStatement, on database: any DatabaseExecutor) async throws -> [Model] {
        let sql = table.sql(statement, rows: models.count)
        let parameters = encode(models)
        return try decodeAll(try await database.query(sql, parameters, idempotent: false))
    }

    func encode(_ models: ArraySlice<Model>) -> [any PostgresEncodable] { table.encode(models) }

    /// Writes the single value `model` with `statement` (an insert, update or upsert of this
    /// table) and returns the stored row; throws ``RecordNotFound`` when the statement returns
    /// none (an update of a missing row). The row travels as scalar parameters,
    /// `head + (VALUES ($1::uuid, ...)) AS u(...) + tail`, one statement prepared once per
    /// connection; `description` (the key in the error) is only built when the row is missing.
    public func writeOne(_ model: Model, _ statement: BulkStatement, description: @autoclosure () -> String) async throws -> Model {
        let (sql, parameters) = try table.single(model, statement)
        let rows = try await database.query(sql, parameters, idempotent: false)
        guard let row = rows.first else { throw RecordNotFound(model: table.modelName, key: description()) }
        return try table.decode(row)
    }

    /// Deletes the row with primary key `id`; whether there was one.
    public func delete(_ id: some PostgresEncodable) async throws -> Bool {
        try await database.query(table.deleteByID, [id], idempotent: false).affectedRows > 0
    }

    /// Deletes the rows whose primary key is in `ids` (an array); how many there were.
    public func deleteMany(_ ids: some PostgresEncodable) async throws -> Int {
        try await database.query(table.deleteByIDs, [ids], idempotent: false).affectedRows
    }

    /// Deletes the rows matching `filter`; how many there were.
    public func deleteWhere(_ filter: Filter<Model>) async throws -> Int {
        let query = RepositoryQuery(table.delete, where: filter)
        return try await database.query(query.sql, query.parameters, idempotent: false).affectedRows
    }

    func decodeAll(_ rows: Rows) throws -> [Model] { try decodeRows(rows, table) }
}

func decodeRows<Model>(_ rows: Rows, _ table: TableDescriptor<Model>) throws -> [Model] {
    var models: [Model] = []
    models.reserveCapacity(rows.count)
    for row in rows { models.append(try table.decode(row)) }
    return models
}
