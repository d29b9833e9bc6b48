/// Reads and writes the rows of a generated model's table, on a pool or inside a transaction
/// (async form; ``BlockingRepository`` has the same methods for threads of your own). The
/// generated `UserRepository` is `Repository<User>`, with a `find` for each unique key.
///
/// ```swift
/// let users = UserRepository(pool)          // each call: its own transaction, retried
/// let ada = try await users.upsert(User(email: "ada@example.com", name: "Ada"), matching: .email)
/// try await pool.transaction { tx in        // the same repository, in one transaction
///     try await UserRepository(tx).update(ada)
/// }
/// ```
/// On a ``ConnectionPool`` every call runs as its own transaction under the pool's retry policy:
/// serialization failures and deadlocks are retried, reads are retried after a lost connection,
/// and a write lost in flight is ``AthanorError/ambiguousCommit(underlying:)``. A call of one
/// statement is sent by the calling task, which waits for the answer on the runtime's event
/// loop and decodes the rows itself; other calls' work (several statements, bulk writes) runs on
/// the leased connection's thread.
public struct Repository<Model: TableModel>: Sendable {
    let database: any DatabaseExecutor
    /// `database` when it is a pool, whose single statements run from the calling task
    /// (``ConnectionPool/statement(idempotent:retry:timeout:_:)``); looked up once, not per call.
    let pool: ConnectionPool?
    let core: RepositoryCore<Model>

    /// A repository on `database`: a ``ConnectionPool``, a ``Transaction`` or a ``Connection``.
    /// Bulk writes send at most `batchSize` rows per statement.
    public init(_ database: some DatabaseExecutor, batchSize: Int = 5_000) {
        self.database = database
        pool = database as? ConnectionPool
        core = RepositoryCore(batchSize: batchSize)
    }

    /// The row whose primary key is `id`; throws ``RecordNotFound`` when there is none.
    ///
    /// ```sql
    /// SELECT id, email, ... FROM users WHERE id = $1
    /// ```
    public func get(_ id: Model.PrimaryKey) async throws -> Model {
        try core.found(await run(core.get(id)), id: id)
    }

    /// The row whose match key `key` has `values`, or nil: what the generated `find(email:)` calls.
    @_spi(Generated)
    public func find(_ key: Model.MatchKey, _ values: [any PostgresEncodable]) async throws -> Model? {
        try await run(core.find(key, values))
    }

    /// The rows matching `filter` (every row when nil), ordered, paged.
    ///
    /// ```sql
    /// SELECT id, email, ... FROM users WHERE (login_count > $1) ORDER BY created_at DESC LIMIT $2 OFFSET $3
    /// ```
    public func list(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil
    ) async throws -> [Model] {
        try await run(core.list(where: filter, orderBy: orderBy, limit: limit, offset: offset))
    }

    /// One page of rows and how many rows match `filter` in all, in one statement (a second,
    /// `count(*)`, only when a page past the first is empty).
    ///
    /// ```sql
    /// SELECT id, email, ..., count(*) OVER () FROM users WHERE ... ORDER BY ... LIMIT $1
    /// ```
    public func listAndCount(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil
    ) async throws -> (items: [Model], total: Int) {
        try await run(core.listAndCount(where: filter, orderBy: orderBy, limit: limit, offset: offset))
    }

    /// How many rows match `filter` (every row when nil): `SELECT count(*) FROM users WHERE ...`.
    public func count(where filter: Filter<Model>? = nil) async throws -> Int {
        try await run(core.count(where: filter))
    }

    /// Whether any row matches `filter`: `SELECT 1 FROM users WHERE ... LIMIT $1`.
    public func exists(where filter: Filter<Model>? = nil) async throws -> Bool {
        try await run(core.exists(where: filter))
    }

    /// Inserts `value` and returns the stored row (audit columns set by the database).
    ///
    /// ```sql
    /// INSERT INTO users (id, email, ..., created_at, updated_at)
    ///     SELECT u.id, u.email, ..., now(), now() FROM (VALUES ($1::uuid, $2::text, ...)) AS u(id, email, ...)
    ///     RETURNING id, email, ...
    /// ```
    @discardableResult
    public func create(_ value: Model) async throws -> Model {
        try core.stored(await run(core.writeOne(value, core.table.insert)), value)
    }

    /// Inserts `values`, one statement per chunk (several chunks in one transaction), and returns
    /// the stored rows. A duplicate key fails the whole call (`23505`, naming the constraint).
    ///
    /// ```sql
    /// INSERT INTO users (...) SELECT u.id, ... FROM unnest($1::uuid[], $2::text[], ...) AS u(id, ...) RETURNING ...
    /// ```
    @discardableResult
    public func createMany(_ values: [Model]) async throws -> [Model] {
        try await run(core.write(values, core.table.insert))
    }

    /// Inserts `values` with binary `COPY`, the fastest way to load many new rows, and returns
    /// how many were written. Unlike ``createMany(_:)`` it returns no rows: the audit columns
    /// take the database's `now()` as with `create`, and the rows are all written or none (one
    /// transaction; inside a transaction, part of it). A duplicate key fails the whole call.
    ///
    /// ```sql
    /// COPY users (id, email, ...) FROM STDIN (FORMAT binary)
    /// ```
    @discardableResult
    public func copyMany(_ values: [Model]) async throws -> Int {
        try await run(core.copy(values))
    }

    /// Updates the row with `value.id` to `value` (`createdAt` kept, `updatedAt` moved);
    /// throws ``RecordNotFound`` when there is none.
    ///
    /// ```sql
    /// UPDATE users AS t SET email = u.email, ..., updated_at = now()
    ///     FROM (VALUES ($1::uuid, $2::text, ...)) AS u(id, email, ...) WHERE t.id = u.id RETURNING t.id, ...
    /// ```
    @discardableResult
    public func update(_ value: Model) async throws -> Model {
        try core.stored(await run(core.writeOne(value, core.table.update, checksVersion: true)), value)
    }

    /// Updates only the columns `assignments` name, in the row whose primary key is `id`, and
    /// returns the row (`updatedAt` moved, a `@version` incremented); throws ``RecordNotFound``
    /// when there is none. Increments are atomic: two concurrent calls both count.
    ///
    /// ```swift
    /// try await users.update(ada.id, set: [User.columns.name.set("Ada L."), User.columns.loginCount.increment(by: 1)])
    /// ```
    /// ```sql
    /// UPDATE users SET updated_at = now(), name = $1, login_count = login_count + $2 WHERE id = $3 RETURNING id, email, ...
    /// ```
    @discardableResult
    public func update(_ id: Model.PrimaryKey, set assignments: [Assignment<Model>]) async throws -> Model {
        try core.found(await run(core.update(id, set: assignments)), id: id)
    }

    /// Updates only the columns `assignments` name, in every row matching `filter` (pass
    /// `.all` for every row); how many rows it updated.
    ///
    /// ```sql
    /// UPDATE users SET updated_at = now(), login_count = login_count + $1 WHERE (email LIKE $2)
    /// ```
    @discardableResult
    public func updateWhere(_ filter: Filter<Model>, set assignments: [Assignment<Model>]) async throws -> Int {
        try await run(core.updateWhere(filter, set: assignments))
    }

    /// Updates the rows of `values` by primary key; returns the rows that existed.
    @discardableResult
    public func updateMany(_ values: [Model]) async throws -> [Model] {
        try await run(core.write(values, core.table.update, checksVersion: true))
    }

    /// Deletes the row whose primary key is `id`; whether there was one:
    /// `DELETE FROM users WHERE id = $1`.
    @discardableResult
    public func delete(_ id: Model.PrimaryKey) async throws -> Bool {
        try await run(core.delete(id))
    }

    /// Deletes the rows whose primary key is in `ids`; how many there were:
    /// `DELETE FROM users WHERE id = ANY($1)`.
    @discardableResult
    public func deleteMany(_ ids: [Model.PrimaryKey]) async throws -> Int {
        try await run(core.deleteMany(ids))
    }

    /// Deletes the rows matching `filter` (pass `.all` for every row); how many there were:
    /// `DELETE FROM users WHERE ...`.
    @discardableResult
    public func deleteWhere(_ filter: Filter<Model>) async throws -> Int {
        try await run(core.deleteWhere(filter))
    }

    /// Inserts `value`, or updates the row it conflicts with on `key` (keeping its `id` and
    /// `createdAt`, moving `updatedAt`); returns the stored row. A conflict updates `updating`
    /// (nil: every column but the key's and those whose schema default is `now`, which keep
    /// the time the row was first written unless you name them). A value with `nil` in a
    /// column of `key` can never match: ``AthanorError/misuse(_:)``, before any round trip.
    /// On a model with a `@version` column, the row's version must be the value's (it is then
    /// incremented); otherwise ``AthanorError/versionConflict(_:)`` and nothing is written.
    ///
    /// ```sql
    /// INSERT INTO users (...) SELECT ... FROM (VALUES ($1::uuid, ...)) AS u(...)
    ///     ON CONFLICT (email) DO UPDATE SET name = excluded.name, ..., updated_at = now() RETURNING ...
    /// ```
    @discardableResult
    public func upsert(
        _ value: Model, matching key: Model.MatchKey, updating columns: [any ModelColumn<Model>]? = nil
    ) async throws -> Model {
        let key = try core.table.key(key)
        let statement = columns.map { core.upsert(key, updating: $0) } ?? key.upsert
        return try core.stored(await run(core.writeOne(value, statement, key: key, checksVersion: true)), value)
    }

    /// ``upsert(_:matching:updating:)`` for many values: one `INSERT ... ON CONFLICT` per chunk,
    /// several chunks in one transaction. Each row can be matched once per call: two values with
    /// the same `key` (or a `nil` in it) throw ``AthanorError/misuse(_:)``, naming their positions
    /// and the key's columns, before any round trip (nothing is written); merge them first.
    @discardableResult
    public func upsertMany(
        _ values: [Model], matching key: Model.MatchKey, updating columns: [any ModelColumn<Model>]? = nil
    ) async throws -> [Model] {
        let key = try core.table.key(key)
        let statement = columns.map { core.upsert(key, updating: $0) } ?? key.upsert
        return try await run(core.write(values, statement, key: key, checksVersion: true))
    }

    /// The first row matching `filter` (every row when nil) in `orderBy` order, or nil.
    ///
    /// ```sql
    /// SELECT id, email, ... FROM users WHERE (login_count > $1) ORDER BY created_at DESC LIMIT $2
    /// ```
    public func first(where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = []) async throws -> Model? {
        try await run(core.first(where: filter, orderBy: orderBy))
    }

    /// The one row matching `filter`; throws ``NoMatchingRecord`` when there is none and
    /// ``MultipleMatchingRecords`` when there are several.
    ///
    /// ```sql
    /// SELECT id, email, ... FROM users WHERE email = $1 LIMIT $2     -- $2 = 2
    /// ```
    public func one(where filter: Filter<Model>) async throws -> Model {
        try core.one(await run(core.upToTwo(where: filter)), filter: filter)
    }

    /// The row matching `value` on `key`, or `value` inserted when there is none; `created`
    /// tells which. Safe against a concurrent insert of the same key (the conflict is ignored
    /// and the row read again), and it never updates an existing row.
    ///
    /// ```sql
    /// SELECT id, email, ... FROM users WHERE email = $1
    /// INSERT INTO users (...) SELECT ... FROM (VALUES (...)) AS u(...) ON CONFLICT (email) DO NOTHING RETURNING id, ...
    /// ```
    public func getOrCreate(_ value: Model, matching key: Model.MatchKey) async throws -> (value: Model, created: Bool) {
        try await run(core.getOrCreate(value, matching: key))
    }

    /// One page of the rows matching `filter`, in `orderBy` order then by primary key, starting
    /// after `cursor` (the previous page's ``Page/next``; nil for the first page): keyset
    /// pagination, stable while rows are inserted or deleted between calls, and as fast for the
    /// thousandth page as for the first (with an index over the ordering). Order by columns
    /// without NULLs.
    ///
    /// ```sql
    /// SELECT id, ... FROM users WHERE (login_count > $1) AND ((created_at < $2) OR (created_at = $2 AND id > $3))
    ///     ORDER BY created_at DESC, id ASC LIMIT $4      -- $4 = limit + 1
    /// ```
    public func page(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], after cursor: PageCursor? = nil, limit: Int
    ) async throws -> Page<Model> {
        try await run(core.page(where: filter, orderBy: orderBy, after: cursor, limit: limit))
    }

    /// The SQL `statement` runs, with `$1`, `$2`, ... for its values (never the values), without
    /// running it.
    public func sql(for statement: RepositoryStatement<Model>) throws -> String {
        try core.sql(for: statement)
    }

    /// The rows `relation` references from `rows`, by primary key, in one statement whatever the
    /// number of rows; the generated `customers(for:)` calls it.
    ///
    /// ```sql
    /// SELECT id, email, ... FROM users WHERE id = ANY($1)     -- the distinct customer_id of the rows
    /// ```
    public func parents<Parent>(_ relation: ParentRelation<Model, Parent>, for rows: [Model]) async throws -> [Parent.PrimaryKey: Parent] {
        try await run(core.parents(relation, for: rows))
    }

    /// The rows that reference each of `rows` through `relation`, by the primary key of the row
    /// they reference (each of `rows` present, `[]` when nothing references it), in one
    /// statement; the generated `orders(for:)` calls it.
    ///
    /// ```sql
    /// SELECT id, customer_id, ... FROM orders WHERE customer_id = ANY($1)
    /// ```
    public func children<Child>(_ relation: ChildrenRelation<Model, Child>, for rows: [Model]) async throws -> [Model.PrimaryKey: [Child]] {
        try await run(core.children(relation, for: rows))
    }

    /// The rows linked to each of `rows` through a join model, by the primary key of the row of
    /// `rows` (each present, `[]` when none is linked), in one statement; the generated
    /// `tags(for:)` calls it.
    ///
    /// ```sql
    /// SELECT t.id, t.name, j.page_id FROM page_tags AS j JOIN tags AS t ON t.id = j.tag_id WHERE j.page_id = ANY($1)
    /// ```
    public func related<Other>(_ relation: ManyToManyRelation<Model, Other>, for rows: [Model]) async throws -> [Model.PrimaryKey: [Other]] {
        try await run(core.related(relation, for: rows))
    }

    /// ``list(where:orderBy:limit:offset:)``, each row with the row it references (nil for a NULL
    /// reference): two statements whatever the number of rows, on one connection.
    ///
    /// ```swift
    /// for (order, customer) in try await orders.list(where: Order.columns.status == .paid, including: .customer) { ... }
    /// ```
    public func list<Parent>(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil,
        including relation: ParentRelation<Model, Parent>
    ) async throws -> [(Model, Parent?)] {
        try await run(core.list(where: filter, orderBy: orderBy, limit: limit, offset: offset, including: relation))
    }

    /// ``list(where:orderBy:limit:offset:)``, each row with the rows that reference it: two
    /// statements whatever the number of rows (`users.list(including: .orders)`).
    public func list<Child>(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil,
        including relation: ChildrenRelation<Model, Child>
    ) async throws -> [(Model, [Child])] {
        try await run(core.list(where: filter, orderBy: orderBy, limit: limit, offset: offset, including: relation))
    }

    /// ``list(where:orderBy:limit:offset:)``, each row with the rows linked to it through a join
    /// model: two statements whatever the number of rows (`pages.list(including: .tags)`).
    public func list<Other>(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil,
        including relation: ManyToManyRelation<Model, Other>
    ) async throws -> [(Model, [Other])] {
        try await run(core.list(where: filter, orderBy: orderBy, limit: limit, offset: offset, including: relation))
    }

    /// Typed aggregates over the rows matching `filter` (every row when nil), in one statement:
    /// `let (count, revenue) = try await orders.aggregate(.count, Order.columns.totalCents.sum)`.
    ///
    /// ```sql
    /// SELECT count(*), sum(total_cents)::int8 FROM orders WHERE ...
    /// ```
    public func aggregate<each Value>(
        _ aggregates: repeat Aggregate<Model, each Value>, where filter: Filter<Model>? = nil
    ) async throws -> (repeat each Value) {
        let rows = try await run(core.aggregate(core.expressions(repeat each aggregates), groupBy: nil, where: filter))
        return try core.decodeAggregates(rows, repeat each aggregates)
    }

    /// One typed aggregate over the rows matching `filter`:
    /// `let revenue = try await orders.aggregate(Order.columns.totalCents.sum)` is an `Int64?`.
    public func aggregate<Value>(_ aggregate: Aggregate<Model, Value>, where filter: Filter<Model>? = nil) async throws -> Value {
        let rows = try await run(core.aggregate([aggregate.sql], groupBy: nil, where: filter))
        return try core.decodeAggregates(rows, aggregate)
    }

    /// Typed aggregates per value of `key`, in `key` order:
    /// `try await orders.aggregate(.count, Order.columns.totalCents.sum, groupBy: Order.columns.status)`
    /// is `[(OrderStatus, Int64, Int64?)]`.
    ///
    /// ```sql
    /// SELECT status, count(*), sum(total_cents)::int8 FROM orders WHERE ... GROUP BY status ORDER BY status
    /// ```
    public func aggregate<Key: PostgresDecodable, each Value>(
        _ aggregates: repeat Aggregate<Model, each Value>, groupBy key: Column<Model, Key>, where filter: Filter<Model>? = nil
    ) async throws -> [(Key, repeat each Value)] {
        let rows = try await run(core.aggregate(core.expressions(repeat each aggregates), groupBy: key.sqlName, where: filter))
        return try core.decodeGroups(rows, Key.self, repeat each aggregates)
    }

    /// Some columns of the rows matching `filter`, as tuples of their Swift types:
    /// `try await users.select(User.columns.email, User.columns.loginCount)` is `[(String, Int64)]`.
    ///
    /// ```sql
    /// SELECT email, login_count FROM users WHERE ... ORDER BY ... LIMIT $1 OFFSET $2
    /// ```
    public func select<each Value: PostgresDecodable>(
        _ columns: repeat Column<Model, each Value>, where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [],
        limit: Int? = nil, offset: Int? = nil
    ) async throws -> [(repeat each Value)] {
        let rows = try await run(core.select(
            core.columnNames(repeat each columns), where: filter, orderBy: orderBy, limit: limit, offset: offset))
        return try core.decodeColumns(rows, repeat (each Value).self)
    }

    /// Some columns of the rows matching `filter`, decoded into a `Decodable` of yours (each
    /// coding key reads the column of its name or its snake_case form):
    /// `try await users.select([User.columns.email, User.columns.name], as: Contact.self)`.
    public func select<T: Decodable>(
        _ columns: [any ModelColumn<Model>], as type: T.Type, where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [],
        limit: Int? = nil, offset: Int? = nil
    ) async throws -> [T] {
        try await run(core.select(columns.map(\.sqlName), where: filter, orderBy: orderBy, limit: limit, offset: offset))
            .decode(T.self)
    }

    /// The rows matching `filter` (every row when nil) in `orderBy` order, as they arrive, with
    /// at most `bufferSize` of them waiting between the connection's thread and your loop (and as
    /// many taken by the iterator), whatever their number (libpq's single-row mode; the rows are
    /// decoded on the connection's thread and handed over in batches of up to 64):
    /// `for try await user in users.stream() { ... }`. The statement runs on a leased
    /// connection's thread when iteration starts; leaving the loop early stops the stream (a small
    /// rest of the result is read and dropped, a large one cancelled outside a transaction). A connection lost after the first row ends the
    /// stream with an error rather than start it again.
    ///
    /// ```sql
    /// SELECT id, email, ... FROM users WHERE ... ORDER BY ...     -- one row per message
    /// ```
    public func stream(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, bufferSize: Int = 256
    ) -> RowStream<Model> {
        RowStream(bufferSize: bufferSize) { [self] channel in
            Task {
                do {
                    try await run(core.stream(where: filter, orderBy: orderBy, limit: limit, into: channel))
                    channel.finish(.success(()))
                } catch {
                    channel.finish(.failure(error))
                }
            }
        }
    }
}
