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
/// and a write lost in flight is ``AthanorError/ambiguousCommit(underlying:)``. Each call's work
/// (its statements and the decoding of the rows) runs on the leased connection's thread.
public struct Repository<Model: TableModel>: Sendable {
    let database: any DatabaseExecutor
    let core: RepositoryCore<Model>

    /// A repository on `database`: a ``ConnectionPool``, a ``Transaction`` or a ``Connection``.
    /// Bulk writes send at most `batchSize` rows per statement.
    public init(_ database: some DatabaseExecutor, batchSize: Int = 5_000) {
        self.database = database
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
        try core.stored(await run(core.writeOne(value, core.table.update)), value)
    }

    /// Updates the rows of `values` by primary key; returns the rows that existed.
    @discardableResult
    public func updateMany(_ values: [Model]) async throws -> [Model] {
        try await run(core.write(values, core.table.update))
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
    /// `createdAt`, moving `updatedAt`); returns the stored row. A value with `nil` in a column
    /// of `key` can never match: ``AthanorError/misuse(_:)``, before any round trip.
    ///
    /// ```sql
    /// INSERT INTO users (...) SELECT ... FROM (VALUES ($1::uuid, ...)) AS u(...)
    ///     ON CONFLICT (email) DO UPDATE SET name = excluded.name, ..., updated_at = now() RETURNING ...
    /// ```
    @discardableResult
    public func upsert(_ value: Model, matching key: Model.MatchKey) async throws -> Model {
        let key = try core.table.key(key)
        return try core.stored(await run(core.writeOne(value, key.upsert, key: key)), value)
    }

    /// ``upsert(_:matching:)`` for many values: one `INSERT ... ON CONFLICT` per chunk, several
    /// chunks in one transaction. Each row can be matched once per call: two values with the
    /// same `key` (or a `nil` in it) throw ``AthanorError/misuse(_:)``, naming their positions
    /// and the key's columns, before any round trip (nothing is written); merge them first.
    @discardableResult
    public func upsertMany(_ values: [Model], matching key: Model.MatchKey) async throws -> [Model] {
        let key = try core.table.key(key)
        return try await run(core.write(values, key.upsert, key: key))
    }
}
