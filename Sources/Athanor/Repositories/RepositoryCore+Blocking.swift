/// The blocking forms, for generated blocking repositories: they run on the calling thread
/// through the runtime's blocking API (never call them from the cooperative thread pool).
extension RepositoryCore {
    /// Blocking form of ``get(_:description:)``.
    public func getBlocking(_ id: some PostgresEncodable, description: @autoclosure () -> String) throws -> Model {
        let sql = table.getByID
        guard let model = try firstBlocking(sql, [id]) else {
            throw RecordNotFound(model: table.modelName, key: description())
        }
        return model
    }

    /// Blocking form of ``find(key:_:)``.
    public func findBlocking(key: String, _ parameters: [any PostgresEncodable]) throws -> Model? {
        guard let sql = table.finds[key] else { throw AthanorError.misuse("no match key \(key)") }
        return try firstBlocking(sql, parameters)
    }

    func firstBlocking(_ sql: String, _ parameters: [any PostgresEncodable]) throws -> Model? {
        let rows = try database.queryBlocking(sql, parameters, idempotent: true)
        guard let row = rows.first else { return nil }
        return try table.decode(row)
    }

    /// Blocking form of ``list(where:orderBy:limit:offset:)``.
    public func listBlocking(where filter: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, offset: Int?) throws -> [Model] {
        let query = table.listQuery(where: filter, orderBy: orderBy, limit: limit, offset: offset)
        return try decodeAll(try database.queryBlocking(query.sql, query.parameters, idempotent: true))
    }

    /// Blocking form of ``listAndCount(where:orderBy:limit:offset:)``.
    public func listAndCountBlocking(
        where filter: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, offset: Int?
    ) throws -> (items: [Model], total: Int) {
        guard table.selectWithTotal != nil else {
            let items = try listBlocking(where: filter, orderBy: orderBy, limit: limit, offset: offset)
            return (items, try countBlocking(where: filter))
        }
        let page = table.listQuery(windowed: true, where: filter, orderBy: orderBy, limit: limit, offset: offset)
        let rows = try database.queryBlocking(page.sql, page.parameters, idempotent: true)
        if let first = rows.first {
            return (try decodeAll(rows), Int(try first.decode(Int64.self, at: first.count - 1)))
        }
        if (offset ?? 0) == 0, limit != 0 { return ([], 0) }
        return ([], try countBlocking(where: filter))
    }

    /// Blocking form of ``count(where:)``.
    public func countBlocking(where filter: Filter<Model>?) throws -> Int {
        let query = RepositoryQuery(table.count, where: filter)
        return Int(try database.queryBlocking(query.sql, query.parameters, idempotent: true)[0].decode(Int64.self, at: 0))
    }

    /// Blocking form of ``exists(where:)``.
    public func existsBlocking(where filter: Filter<Model>?) throws -> Bool {
        let query = RepositoryQuery.exists(table.select, where: filter)
        return try database.queryBlocking(query.sql, query.parameters, idempotent: true)[0].decode(Bool.self, at: 0)
    }

    /// Blocking form of ``write(_:_:)``.
    public func writeBlocking(_ models: [Model], _ statement: BulkStatement) throws -> [Model] {
        guard !models.isEmpty else { return [] }
        try table.checkMatchKeys(models, statement)
        let chunk = table.source.rowsPerStatement(batchSize: batchSize)
        if models.count <= chunk {
            return try writeChunkBlocking(models[...], statement, on: database)
        }
        return try database.inTransactionBlocking { transaction in
            var stored: [Model] = []
            stored.reserveCapacity(models.count)
            var start = 0
            while start < models.count {
                let end = min(start + chunk, models.count)
                stored += try writeChunkBlocking(models[start..<end], statement, on: transaction)
                start = end
            }
            return stored
        }
    }

    /// Blocking form of ``writeOne(_:_:description:)``.
    public func writeOneBlocking(_ model: Model, _ statement: BulkStatement, description: @autoclosure () -> String) throws -> Model {
        let (sql, parameters) = try table.single(model, statement)
        let rows = try database.queryBlocking(sql, parameters, idempotent: false)
        guard let row = rows.first else { throw RecordNotFound(model: table.modelName, key: description()) }
        return try table.decode(row)
    }

    func writeChunkBlocking(_ models: ArraySlice<Model>, _ statement: BulkStatement, on database: any DatabaseExecutor) throws -> [Model] {
        let sql = table.sql(statement, rows: models.count)
        return try decodeAll(try database.queryBlocking(sql, encode(models), idempotent: false))
    }

    /// Blocking form of ``delete(_:)``.
    public func deleteBlocking(_ id: some PostgresEncodable) throws -> Bool {
        try database.queryBlocking(table.deleteByID, [id], idempotent: false).affectedRows > 0
    }

    /// Blocking form of ``deleteMany(_:)``.
    public func deleteManyBlocking(_ ids: some PostgresEncodable) throws -> Int {
        try database.queryBlocking(table.deleteByIDs, [ids], idempotent: false).affectedRows
    }

    /// Blocking form of ``deleteWhere(_:)``.
    public func deleteWhereBlocking(_ filter: Filter<Model>) throws -> Int {
        let query = RepositoryQuery(table.delete, where: filter)
        return try database.queryBlocking(query.sql, query.parameters, idempotent: false).affectedRows
    }
}
