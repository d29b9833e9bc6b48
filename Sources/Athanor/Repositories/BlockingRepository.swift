/// Blocking form of ``Repository``: the same methods, each running on the calling thread (use it
/// from threads of your own, never from async code). The generated `UserBlockingRepository` is
/// `BlockingRepository<User>`, with a `find` for each unique key.
///
/// ```swift
/// let users = UserBlockingRepository(pool)
/// let ada = try users.upsert(User(email: "ada@example.com", name: "Ada"), matching: .email)
/// try pool.transactionBlocking { tx in      // the same repository, in one transaction
///     try UserBlockingRepository(tx).update(ada)
/// }
/// ```
/// On a ``ConnectionPool`` every call runs as its own transaction under the pool's retry policy:
/// serialization failures and deadlocks are retried, reads are retried after a lost connection,
/// and a write lost in flight is ``AthanorError/ambiguousCommit(underlying:)``. Each call plans
/// its work exactly as ``Repository`` does; only the last step differs.
public struct BlockingRepository<Model: TableModel>: Sendable {
    let database: any DatabaseExecutor
    let core: RepositoryCore<Model>

    /// A repository on `database`: a ``ConnectionPool``, a ``Transaction`` or a ``Connection``.
    /// Bulk writes send at most `batchSize` rows per statement.
    public init(_ database: some DatabaseExecutor, batchSize: Int = 5_000) {
        self.database = database
        core = RepositoryCore(batchSize: batchSize)
    }

    /// Blocking form of ``Repository/get(_:)``.
    public func get(_ id: Model.PrimaryKey) throws -> Model {
        try core.found(run(core.get(id)), id: id)
    }

    /// The row whose match key `key` has `values`, or nil: what the generated `find(email:)` calls.
    @_spi(Generated)
    public func find(_ key: Model.MatchKey, _ values: [any PostgresEncodable]) throws -> Model? {
        try run(core.find(key, values))
    }

    /// Blocking form of ``Repository/list(where:orderBy:limit:offset:)``.
    public func list(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil
    ) throws -> [Model] {
        try run(core.list(where: filter, orderBy: orderBy, limit: limit, offset: offset))
    }

    /// Blocking form of ``Repository/listAndCount(where:orderBy:limit:offset:)``.
    public func listAndCount(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil
    ) throws -> (items: [Model], total: Int) {
        try run(core.listAndCount(where: filter, orderBy: orderBy, limit: limit, offset: offset))
    }

    /// Blocking form of ``Repository/count(where:)``.
    public func count(where filter: Filter<Model>? = nil) throws -> Int {
        try run(core.count(where: filter))
    }

    /// Blocking form of ``Repository/exists(where:)``.
    public func exists(where filter: Filter<Model>? = nil) throws -> Bool {
        try run(core.exists(where: filter))
    }

    /// Blocking form of ``Repository/create(_:)``.
    @discardableResult
    public func create(_ value: Model) throws -> Model {
        try core.stored(run(core.writeOne(value, core.table.insert)), value)
    }

    /// Blocking form of ``Repository/createMany(_:)``.
    @discardableResult
    public func createMany(_ values: [Model]) throws -> [Model] {
        try run(core.write(values, core.table.insert))
    }

    /// Blocking form of ``Repository/copyMany(_:)``.
    @discardableResult
    public func copyMany(_ values: [Model]) throws -> Int {
        try run(core.copy(values))
    }

    /// Blocking form of ``Repository/update(_:)``.
    @discardableResult
    public func update(_ value: Model) throws -> Model {
        try core.stored(run(core.writeOne(value, core.table.update)), value)
    }

    /// Blocking form of ``Repository/updateMany(_:)``.
    @discardableResult
    public func updateMany(_ values: [Model]) throws -> [Model] {
        try run(core.write(values, core.table.update))
    }

    /// Blocking form of ``Repository/delete(_:)``.
    @discardableResult
    public func delete(_ id: Model.PrimaryKey) throws -> Bool {
        try run(core.delete(id))
    }

    /// Blocking form of ``Repository/deleteMany(_:)``.
    @discardableResult
    public func deleteMany(_ ids: [Model.PrimaryKey]) throws -> Int {
        try run(core.deleteMany(ids))
    }

    /// Blocking form of ``Repository/deleteWhere(_:)``.
    @discardableResult
    public func deleteWhere(_ filter: Filter<Model>) throws -> Int {
        try run(core.deleteWhere(filter))
    }

    /// Blocking form of ``Repository/upsert(_:matching:)``.
    @discardableResult
    public func upsert(_ value: Model, matching key: Model.MatchKey) throws -> Model {
        let key = try core.table.key(key)
        return try core.stored(run(core.writeOne(value, key.upsert, key: key)), value)
    }

    /// Blocking form of ``Repository/upsertMany(_:matching:)``.
    @discardableResult
    public func upsertMany(_ values: [Model], matching key: Model.MatchKey) throws -> [Model] {
        let key = try core.table.key(key)
        return try run(core.write(values, key.upsert, key: key))
    }
}
