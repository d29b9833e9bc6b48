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
        try core.stored(run(core.writeOne(value, core.table.update, checksVersion: true)), value)
    }

    /// Blocking form of ``Repository/update(_:set:)``.
    @discardableResult
    public func update(_ id: Model.PrimaryKey, set assignments: [Assignment<Model>]) throws -> Model {
        try core.found(run(core.update(id, set: assignments)), id: id)
    }

    /// Blocking form of ``Repository/updateWhere(_:set:)``.
    @discardableResult
    public func updateWhere(_ filter: Filter<Model>, set assignments: [Assignment<Model>]) throws -> Int {
        try run(core.updateWhere(filter, set: assignments))
    }

    /// Blocking form of ``Repository/updateMany(_:)``.
    @discardableResult
    public func updateMany(_ values: [Model]) throws -> [Model] {
        try run(core.write(values, core.table.update, checksVersion: true))
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

    /// Blocking form of ``Repository/upsert(_:matching:updating:)``.
    @discardableResult
    public func upsert(_ value: Model, matching key: Model.MatchKey, updating columns: [any ModelColumn<Model>]? = nil) throws -> Model {
        let key = try core.table.key(key)
        let statement = columns.map { core.upsert(key, updating: $0) } ?? key.upsert
        return try core.stored(run(core.writeOne(value, statement, key: key, checksVersion: true)), value)
    }

    /// Blocking form of ``Repository/upsertMany(_:matching:updating:)``.
    @discardableResult
    public func upsertMany(_ values: [Model], matching key: Model.MatchKey, updating columns: [any ModelColumn<Model>]? = nil) throws -> [Model] {
        let key = try core.table.key(key)
        let statement = columns.map { core.upsert(key, updating: $0) } ?? key.upsert
        return try run(core.write(values, statement, key: key, checksVersion: true))
    }

    /// Blocking form of ``Repository/first(where:orderBy:)``.
    public func first(where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = []) throws -> Model? {
        try run(core.first(where: filter, orderBy: orderBy))
    }

    /// Blocking form of ``Repository/one(where:)``.
    public func one(where filter: Filter<Model>) throws -> Model {
        try core.one(run(core.upToTwo(where: filter)), filter: filter)
    }

    /// Blocking form of ``Repository/getOrCreate(_:matching:)``.
    public func getOrCreate(_ value: Model, matching key: Model.MatchKey) throws -> (value: Model, created: Bool) {
        try run(core.getOrCreate(value, matching: key))
    }

    /// Blocking form of ``Repository/page(where:orderBy:after:limit:)``.
    public func page(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], after cursor: PageCursor? = nil, limit: Int
    ) throws -> Page<Model> {
        try run(core.page(where: filter, orderBy: orderBy, after: cursor, limit: limit))
    }

    /// Blocking form of ``Repository/sql(for:)``.
    public func sql(for statement: RepositoryStatement<Model>) throws -> String {
        try core.sql(for: statement)
    }

    /// Blocking form of ``Repository/parents(_:for:)``.
    public func parents<Parent>(_ relation: ParentRelation<Model, Parent>, for rows: [Model]) throws -> [Parent.PrimaryKey: Parent] {
        try run(core.parents(relation, for: rows))
    }

    /// Blocking form of ``Repository/children(_:for:)``.
    public func children<Child>(_ relation: ChildrenRelation<Model, Child>, for rows: [Model]) throws -> [Model.PrimaryKey: [Child]] {
        try run(core.children(relation, for: rows))
    }

    /// Blocking form of ``Repository/related(_:for:)``.
    public func related<Other>(_ relation: ManyToManyRelation<Model, Other>, for rows: [Model]) throws -> [Model.PrimaryKey: [Other]] {
        try run(core.related(relation, for: rows))
    }

    /// Blocking form of `list(where:orderBy:limit:offset:including:)` with the row each row references.
    public func list<Parent>(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil,
        including relation: ParentRelation<Model, Parent>
    ) throws -> [(Model, Parent?)] {
        try run(core.list(where: filter, orderBy: orderBy, limit: limit, offset: offset, including: relation))
    }

    /// Blocking form of `list(where:orderBy:limit:offset:including:)` with the rows that reference each row.
    public func list<Child>(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil,
        including relation: ChildrenRelation<Model, Child>
    ) throws -> [(Model, [Child])] {
        try run(core.list(where: filter, orderBy: orderBy, limit: limit, offset: offset, including: relation))
    }

    /// Blocking form of `list(where:orderBy:limit:offset:including:)` with the rows linked through a join model.
    public func list<Other>(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil,
        including relation: ManyToManyRelation<Model, Other>
    ) throws -> [(Model, [Other])] {
        try run(core.list(where: filter, orderBy: orderBy, limit: limit, offset: offset, including: relation))
    }

    /// Blocking form of `aggregate(_:where:)`.
    public func aggregate<each Value>(
        _ aggregates: repeat Aggregate<Model, each Value>, where filter: Filter<Model>? = nil
    ) throws -> (repeat each Value) {
        let rows = try run(core.aggregate(core.expressions(repeat each aggregates), groupBy: nil, where: filter))
        return try core.decodeAggregates(rows, repeat each aggregates)
    }

    /// Blocking form of `aggregate(_:where:)` for one aggregate.
    public func aggregate<Value>(_ aggregate: Aggregate<Model, Value>, where filter: Filter<Model>? = nil) throws -> Value {
        let rows = try run(core.aggregate([aggregate.sql], groupBy: nil, where: filter))
        return try core.decodeAggregates(rows, aggregate)
    }

    /// Blocking form of `aggregate(_:groupBy:where:)`.
    public func aggregate<Key: PostgresDecodable, each Value>(
        _ aggregates: repeat Aggregate<Model, each Value>, groupBy key: Column<Model, Key>, where filter: Filter<Model>? = nil
    ) throws -> [(Key, repeat each Value)] {
        let rows = try run(core.aggregate(core.expressions(repeat each aggregates), groupBy: key.sqlName, where: filter))
        return try core.decodeGroups(rows, Key.self, repeat each aggregates)
    }

    /// Blocking form of `select(_:where:orderBy:limit:offset:)`.
    public func select<each Value: PostgresDecodable>(
        _ columns: repeat Column<Model, each Value>, where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [],
        limit: Int? = nil, offset: Int? = nil
    ) throws -> [(repeat each Value)] {
        let rows = try run(core.select(
            core.columnNames(repeat each columns), where: filter, orderBy: orderBy, limit: limit, offset: offset))
        return try core.decodeColumns(rows, repeat (each Value).self)
    }

    /// Blocking form of `select(_:as:where:orderBy:limit:offset:)`.
    public func select<T: Decodable>(
        _ columns: [any ModelColumn<Model>], as type: T.Type, where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [],
        limit: Int? = nil, offset: Int? = nil
    ) throws -> [T] {
        try run(core.select(columns.map(\.sqlName), where: filter, orderBy: orderBy, limit: limit, offset: offset))
            .decode(T.self)
    }

    /// Blocking form of ``Repository/stream(where:orderBy:limit:bufferSize:)``: a `Sequence`
    /// whose rows a thread of its own reads while you iterate (a failure ends the iteration and
    /// is in ``BlockingRowSequence/error``).
    public func stream(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, bufferSize: Int = 256
    ) -> BlockingRowSequence<Model> {
        BlockingRowSequence(bufferSize: bufferSize) { [self] channel in
            Thread.detach(name: "athanor-stream") {
                do {
                    try run(core.stream(where: filter, orderBy: orderBy, limit: limit, into: channel))
                    channel.finish(.success(()))
                } catch {
                    channel.finish(.failure(error))
                }
            }
        }
    }
}
