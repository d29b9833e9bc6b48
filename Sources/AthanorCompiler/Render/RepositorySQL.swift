/// The SQL of every repository operation of one model, each statement whole and by name, built
/// once at generation time and handed to the templates as data: the runtime never cuts or
/// re-reads it, and only adds what a call adds (its filter, `ORDER BY`, `LIMIT` and `OFFSET`,
/// and the rows of a `VALUES` list).
///
/// Writes read their rows from a relation `u`, so one statement serves one row or ten thousand:
/// ```sql
/// INSERT INTO users (id, email, ..., created_at, updated_at) SELECT u.id, u.email, ..., now(), now()
///     FROM unnest($1::uuid[], $2::text[], ...) AS u(id, email, ...)
///     ON CONFLICT (email) DO UPDATE SET name = excluded.name, ..., updated_at = now() RETURNING id, email, ...
/// ```
/// On an upsert that updates, the row keeps `id` and `created_at`, and `updated_at` moves. A
/// single row (`create`, `update`, `upsert`) has a statement of its own, the same around a row
/// of scalar parameters: `(VALUES ($1::uuid, ..., $7::text[])) AS u(...)`.
public struct RepositorySQL: Sendable {
    /// A write (insert, update or upsert) in its two forms.
    public struct Write: Sendable, Hashable {
        /// One value, whole: `... FROM (VALUES ($1::uuid, ...)) AS u(...) ...`.
        public var single: String
        /// Many values.
        public var bulk: Bulk
    }

    /// The bulk form of a write.
    public enum Bulk: Sendable, Hashable {
        /// Whole: one array parameter per column, `... FROM unnest($1::uuid[], ...) AS u(...) ...`.
        case unnest(String)
        /// Around a `VALUES` list the runtime writes, ` ($1::int8, ...), (...)` of `types`:
        /// `head` ends with `FROM (VALUES`, `tail` starts with `) AS u(...)`. Only for a model
        /// with an array of timestamps, which has no array-literal form for `unnest`.
        case values(head: String, types: [String], tail: String)
    }

    /// A match key: the primary key or a unique key.
    public struct Key: Sendable, Hashable {
        /// Its constraint name (`users_email_key`).
        public var constraint: String
        /// Its quoted columns, as in `ON CONFLICT (...)`.
        public var columns: [String]
        /// Their positions among ``RepositorySQL/sourceColumns``.
        public var positions: [Int]
        /// Whether it is the primary key.
        public var isPrimaryKey: Bool
        /// `SELECT <columns> FROM <table> WHERE a = $1 AND b = $2`.
        public var find: String
        /// `INSERT ... ON CONFLICT (<columns>) DO UPDATE SET ... RETURNING ...`.
        public var upsert: Write
        /// The upsert's insert, up to its source relation (no conflict clause, no `RETURNING`),
        /// for the upserts the runtime completes (chosen columns, `DO NOTHING`).
        public var conflictInsert: Write
        /// `ON CONFLICT (<columns>)`.
        public var conflictTarget: String
    }

    /// `SELECT <every column> FROM <table> WHERE id = $1`.
    public var get: String
    /// `SELECT <every column> FROM <table>`.
    public var select: String
    /// `SELECT <every column>, count(*) OVER () FROM <table>`.
    public var selectWithTotal: String
    /// `SELECT count(*) FROM <table>`.
    public var count: String
    /// `SELECT 1 FROM <table>`.
    public var exists: String
    /// `DELETE FROM <table>`.
    public var delete: String
    /// `DELETE FROM <table> WHERE id = $1`.
    public var deleteByID: String
    /// `DELETE FROM <table> WHERE id = ANY($1)`.
    public var deleteByIDs: String
    /// Insert (the database assigns a sequential `id`; a UUID `id` comes from the model).
    public var insert: Write
    /// Update by primary key.
    public var update: Write
    /// Each match key, in match-key order (the primary key first).
    public var keys: [Key]
    /// `RETURNING <every column>`.
    public var returning: String
    /// `UPDATE <table> SET`: a partial update, before its assignments.
    public var partialUpdateHead: String
    /// What every partial update sets (`updated_at = now()`, `version = version + 1`).
    public var partialUpdateAutomatic: [String]
    /// What every update on an upsert's conflict sets (`updated_at = now()`, `version = "users".version + 1`).
    public var conflictAutomatic: [String]
    /// `WHERE "users".version = excluded.version` for a model with a `@version`.
    public var conflictCondition: String?
    /// The quoted columns of the source relation `u` (every column but the audit ones), in the
    /// order of the generated `encodeRow`.
    public var sourceColumns: [String]
    /// Whether bulk rows travel as a `VALUES` list (an array of timestamps) rather than `unnest`.
    public var usesValues: Bool
    /// The table's unquoted SQL name, for `copyMany` (binary `COPY`).
    public var copyTable: String
    /// The unquoted columns `copyMany` writes: those `insert` supplies (every column but the
    /// audit ones, and but a sequential `id`), which the database otherwise fills from the DDL's
    /// defaults, exactly as `insert` fills them with `now()`.
    public var copyColumns: [String]
    /// Whether `copyMany` leaves out the first source column (a sequential `id`).
    public var copySkipsID: Bool

    /// Builds the SQL of `model`.
    public init(model: Model, catalog: Catalog) {
        let builder = RepositorySQLBuilder(model: model, catalog: catalog)
        let primaryKey = builder.quoted(model.primaryKey.columns.first ?? "id")
        select = builder.select
        selectWithTotal = "SELECT \(builder.returning), count(*) OVER () FROM \(builder.table)"
        get = select + " WHERE \(primaryKey) = $1"
        count = "SELECT count(*) FROM \(builder.table)"
        exists = "SELECT 1 FROM \(builder.table)"
        delete = "DELETE FROM \(builder.table)"
        deleteByID = delete + " WHERE \(primaryKey) = $1"
        deleteByIDs = delete + " WHERE \(primaryKey) = ANY($1)"
        let source = builder.sourceColumns
        let relation = builder.source()
        sourceColumns = source.map(builder.quoted)
        usesValues = builder.usesValues
        insert = builder.write(builder.insert(includingID: !model.base.isSequential, conflict: nil), relation)
        update = builder.write(builder.update, relation)
        keys = model.matchKeys.map { key in
            let split = builder.insert(includingID: !model.base.isSequential || key.kind == .primaryKey, conflict: key)
            return Key(
                constraint: key.constraintName, columns: key.columns.map(builder.quoted),
                positions: key.columns.compactMap { name in source.firstIndex { $0.name == name } },
                isPrimaryKey: key.kind == .primaryKey, find: builder.find(key), upsert: builder.write(split, relation),
                conflictInsert: builder.write(.init(head: split.head, tail: ""), relation), conflictTarget: builder.conflictTarget(key))
        }
        returning = "RETURNING \(builder.returning)"
        partialUpdateHead = "UPDATE \(builder.table) SET"
        partialUpdateAutomatic = builder.updateAutomatic
        conflictAutomatic = builder.conflictAutomatic
        conflictCondition = builder.conflictCondition
        copyTable = model.tableName
        copySkipsID = model.base.isSequential
        copyColumns = builder.suppliedColumns(includingID: !model.base.isSequential).map(\.sqlName)
    }
}
