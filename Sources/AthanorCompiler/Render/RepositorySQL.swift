/// The SQL of every repository operation of one model, built once at generation time and
/// handed to the templates as data (never assembled in a template).
///
/// Bulk writes read their rows from a relation `u` (`unnest(...)` of one array per column, or
/// `VALUES` for an array of timestamps, see `BulkSource` in the runtime), so one statement
/// serves one row or ten thousand:
/// ```sql
/// INSERT INTO users (id, email, ..., created_at, updated_at) SELECT u.id, u.email, ..., now(), now() FROM <u>
///     ON CONFLICT (email) DO UPDATE SET name = excluded.name, ..., updated_at = now() RETURNING id, email, ...
/// ```
/// On an upsert that updates, the row keeps `id` and `created_at`, and `updated_at` moves.
/// A single row (`create`, `update`, `upsert`) reads the same head and tail around a source of
/// scalar parameters instead, `(VALUES ($1::uuid, ..., $7::text[])) AS u(...)`, typed by
/// ``sourceRowTypes``.
public struct RepositorySQL: Sendable {
    /// A statement in two halves around the source relation.
    public struct Split: Sendable, Hashable {
        /// The SQL before the source.
        public var head: String
        /// The SQL after it.
        public var tail: String
        /// For an upsert, the quoted columns of `ON CONFLICT (...)`: the match key, which the
        /// runtime checks for NULLs before sending (a NULL never matches). Empty otherwise.
        public var keyColumns: [String] = []
    }

    /// `SELECT <every column> FROM <table>`.
    public var select: String
    /// `SELECT count(*) FROM <table>`.
    public var count: String
    /// `DELETE FROM <table>`.
    public var delete: String
    /// The quoted primary key column.
    public var primaryKey: String
    /// The `SELECT` of each match key, by constraint name, in match-key order.
    public var finds: [(constraint: String, sql: String)]
    /// The quoted columns of the source relation `u` (every column but the audit ones).
    public var sourceColumns: [String]
    /// The SQL type of each source column's parameter.
    public var sourceTypes: [String]
    /// The SQL type of each source column's parameter when one row travels alone
    /// (`create`, `update`, `upsert`: `(VALUES ($1::uuid, ..., $7::text[])) AS u(...)`).
    public var sourceRowTypes: [String]
    /// Whether the source is `VALUES` (an array of timestamps) rather than `unnest`.
    public var sourceUsesValues: Bool
    /// Insert (the database assigns a sequential `id`; a UUID `id` comes from the model).
    public var insert: Split
    /// The upsert of each match key, by constraint name, in match-key order.
    public var upserts: [(constraint: String, statement: Split)]
    /// Update by primary key.
    public var update: Split
    /// The table's unquoted SQL name, for `copyMany` (binary `COPY`).
    public var copyTable: String
    /// The unquoted columns `copyMany` writes: those `insert` supplies (every column but the
    /// audit ones, and but a sequential `id`), which the database otherwise fills from the DDL's
    /// defaults, exactly as `insert` fills them with `now()`.
    public var copyColumns: [String]

    /// Builds the SQL of `model`.
    public init(model: Model, catalog: Catalog) {
        let builder = RepositorySQLBuilder(model: model, catalog: catalog)
        select = builder.select
        count = "SELECT count(*) FROM \(builder.table)"
        delete = "DELETE FROM \(builder.table)"
        primaryKey = builder.quoted(model.primaryKey.columns.first ?? "id")
        finds = model.matchKeys.map { ($0.constraintName, builder.find($0)) }
        sourceColumns = builder.sourceColumns.map { builder.quoted($0.name) }
        sourceTypes = builder.sourceColumns.map(builder.wireType)
        sourceRowTypes = builder.sourceColumns.map(builder.rowType)
        sourceUsesValues = builder.usesValues
        insert = builder.insert(includingID: !model.base.isSequential, conflict: nil)
        upserts = model.matchKeys.map { key in
            (key.constraintName, builder.insert(includingID: !model.base.isSequential || key.kind == .primaryKey, conflict: key))
        }
        update = builder.update
        copyTable = model.tableName
        copyColumns = builder.suppliedColumns(includingID: !model.base.isSequential).map(\.sqlName)
    }
}
