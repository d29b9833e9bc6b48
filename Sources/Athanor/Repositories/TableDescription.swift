/// Everything the repositories know about a model's table: every statement, whole and by name,
/// as the compiler wrote and unit-tested it, and the functions that move a model in and out of
/// rows. Generated code creates one per model (`User.table`); the runtime only adds what a
/// call adds (a filter, `ORDER BY`, `LIMIT` and `OFFSET`, and the rows of a `VALUES` list).
@_spi(Generated)
public final class TableDescription<Model: TableModel>: Sendable {
    /// `SELECT <columns> FROM <table> WHERE id = $1`.
    public let get: String
    /// `SELECT <columns> FROM <table>`: `list`, before the call's filter, order and page.
    public let select: String
    /// `SELECT <columns>, count(*) OVER () FROM <table>`: `listAndCount` in one statement.
    public let selectWithTotal: String
    /// `SELECT count(*) FROM <table>`.
    public let count: String
    /// `SELECT 1 FROM <table>`: `exists`, with the call's filter and `LIMIT 1`.
    public let exists: String
    /// `DELETE FROM <table>`: `deleteWhere`, before the call's filter.
    public let delete: String
    /// `DELETE FROM <table> WHERE id = $1`.
    public let deleteByID: String
    /// `DELETE FROM <table> WHERE id = ANY($1)`.
    public let deleteByIDs: String
    /// `INSERT ... RETURNING ...`.
    public let insert: WriteStatement
    /// `UPDATE ... WHERE t.id = u.id RETURNING ...`.
    public let update: WriteStatement
    /// Each match key: its columns, its `find` and its upsert.
    public let keys: [Model.MatchKey: MatchKeyDescription]
    /// `RETURNING <columns>`: the end of a write the runtime completes (a partial update, an
    /// upsert updating chosen columns).
    public let returning: String
    /// The start of a partial update (`update(id, set:)`, `updateWhere(_:set:)`).
    public let partialUpdate: PartialUpdateSQL
    /// The `@version` column, if the model has one: checked and incremented by every update
    /// and upsert.
    public let version: VersionColumn<Model>?
    /// A value's primary key (nil for a sequential id not assigned yet).
    let primaryKey: (@Sendable (Model) -> Model.PrimaryKey?)?
    /// The quoted table (`users`, `"order"`), for the `SELECT`s of aggregates and projections.
    public let tableName: String
    /// The table and columns of `copyMany` (binary `COPY`).
    public let copy: CopyTarget
    /// Decodes a row whose columns are in table order; the model, when given, is the value the
    /// row was written from, whose strings and arrays the decoded model reuses where equal.
    public let decodeRow: @Sendable (Row, Model?) throws(AthanorError) -> Model
    /// One model's values in the order of the writes' source `u` (`id`, then the fields): the
    /// parameters of a single-row write and the rows of a `VALUES` list.
    public let encodeRow: @Sendable (Model) -> [any PostgresEncodable]
    /// One array per column of `u` for a slice of models: the parameters of an `unnest` write.
    public let encodeColumns: @Sendable (ArraySlice<Model>) -> [any PostgresEncodable]

    /// The SQL of unfiltered `list` and `listAndCount` calls, by shape, built on first use.
    let listQueries = ListQueryCache<Model>()

    /// Creates a description (generated code does).
    public init(
        get: String, select: String, selectWithTotal: String, count: String, exists: String,
        delete: String, deleteByID: String, deleteByIDs: String,
        insert: WriteStatement, update: WriteStatement, keys: [Model.MatchKey: MatchKeyDescription],
        returning: String = "", partialUpdate: PartialUpdateSQL = PartialUpdateSQL(head: "", automatic: []),
        version: VersionColumn<Model>? = nil, primaryKey: (@Sendable (Model) -> Model.PrimaryKey?)? = nil,
        tableName: String = "", copy: CopyTarget,
        decode: @escaping @Sendable (Row, Model?) throws(AthanorError) -> Model,
        encodeRow: @escaping @Sendable (Model) -> [any PostgresEncodable],
        encodeColumns: @escaping @Sendable (ArraySlice<Model>) -> [any PostgresEncodable]
    ) {
        self.get = get
        self.select = select
        self.selectWithTotal = selectWithTotal
        self.count = count
        self.exists = exists
        self.delete = delete
        self.deleteByID = deleteByID
        self.deleteByIDs = deleteByIDs
        self.insert = insert
        self.update = update
        self.keys = keys
        self.returning = returning
        self.partialUpdate = partialUpdate
        self.version = version
        self.primaryKey = primaryKey
        self.tableName = tableName
        self.copy = copy
        self.decodeRow = decode
        self.encodeRow = encodeRow
        self.encodeColumns = encodeColumns
    }

    /// Decodes a row whose columns are in table order. `written`, the value a write sent (for
    /// the row it returned), lends its storage: the decoded model's strings and arrays that
    /// equal it byte for byte are its own, not copies, so a bulk write's returned rows cost
    /// little more memory than their structs.
    @inlinable
    public func decode(_ row: Row, reusing written: Model? = nil) throws(AthanorError) -> Model {
        try decodeRow(row, written)
    }

    /// The model's name, for errors (`User`).
    var modelName: String { String(describing: Model.self) }

    /// The primary key of `model` (nil for a sequential id not assigned yet).
    func key(of model: Model) -> Model.PrimaryKey? {
        primaryKey?(model) ?? (encodeRow(model).first as? Model.PrimaryKey)
    }

    /// The primary key's quoted column (`id`).
    var primaryKeyColumn: String {
        keys.values.first { $0.isPrimaryKey }?.columns.first ?? "id"
    }

    /// The description of `key`.
    func key(_ key: Model.MatchKey) throws(AthanorError) -> MatchKeyDescription {
        guard let description = keys[key] else { throw .misuse("\(modelName) has no match key \(key)") }
        return description
    }

    /// The query of a `list` (`windowed`: of a `listAndCount`, from ``selectWithTotal``).
    func listQuery(
        windowed: Bool, where filter: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, offset: Int?
    ) -> RepositoryQuery {
        listQueries.query(windowed ? selectWithTotal : select, windowed: windowed, where: filter, orderBy: orderBy,
                          limit: limit, offset: offset)
    }

    /// The SQL and parameters of `statement`'s bulk form for `models`.
    func bulk(_ statement: WriteStatement, _ models: ArraySlice<Model>) -> (sql: String, parameters: [any PostgresEncodable]) {
        switch statement.bulk {
        case .unnest(let sql):
            return (sql, encodeColumns(models))
        case .values(let head, let types, let tail):
            var parameters: [any PostgresEncodable] = []
            parameters.reserveCapacity(models.count * types.count)
            for model in models { parameters += encodeRow(model) }
            return (head + BulkSQL.rows(models.count, types: types) + tail, parameters)
        }
    }
}

/// A write (insert, update or upsert) of one table, in its two forms.
@_spi(Generated)
public struct WriteStatement: Sendable {
    /// One value, whole: its row as scalar parameters,
    /// `... FROM (VALUES ($1::uuid, ..., $7::text[])) AS u(id, ..., roles) ...`.
    public var single: String
    /// Many values.
    public var bulk: BulkSQL

    /// Creates a statement (generated code does).
    public init(single: String, bulk: BulkSQL) {
        self.single = single
        self.bulk = bulk
    }

    /// The statement with `suffix` added at the end of both forms (after the source relation
    /// of an insert: its `ON CONFLICT ...` and `RETURNING ...`).
    func appending(_ suffix: String) -> WriteStatement {
        switch bulk {
        case .unnest(let sql): WriteStatement(single: single + suffix, bulk: .unnest(sql + suffix))
        case .values(let head, let types, let tail):
            WriteStatement(single: single + suffix, bulk: .values(head: head, types: types, tail: tail + suffix))
        }
    }
}

/// The bulk form of a write.
@_spi(Generated)
public enum BulkSQL: Sendable {
    /// Whole: the rows as one array parameter per column, whatever their number,
    /// `... FROM unnest($1::uuid[], $2::text[], ...) AS u(id, email, ...) ...`.
    case unnest(String)
    /// A `VALUES` list of as many rows as the statement writes, each `($1::int8, $2::text, ...)`
    /// in `types`, between `head` (ending `FROM (VALUES`) and `tail` (starting `) AS u(...)`):
    /// for a model with an array of timestamps, which has no array-literal form for `unnest`.
    case values(head: String, types: [String], tail: String)

    /// The most parameters one statement may carry.
    static let parameterLimit = 65_535

    /// How many rows go in one statement, given the preferred `batchSize`.
    func rowsPerStatement(batchSize: Int) -> Int {
        guard case .values(_, let types, _) = self else { return max(1, batchSize) }
        return max(1, min(batchSize, Self.parameterLimit / max(1, types.count)))
    }

    /// ` ($1::t1, ..., $n::tn), ($n+1::t1, ...)`: the rows of a `VALUES` list.
    static func rows(_ count: Int, types: [String]) -> String {
        var sql = ""
        sql.reserveCapacity(count * types.count * 12)
        for row in 0..<count {
            sql += row > 0 ? ", (" : " ("
            for (offset, type) in types.enumerated() {
                if offset > 0 { sql += ", " }
                sql += "$\(row * types.count + offset + 1)::\(type)"
            }
            sql += ")"
        }
        return sql
    }
}

/// A match key of a table: its columns, the statement that finds a row by it, and the upsert
/// that matches on it.
@_spi(Generated)
public struct MatchKeyDescription: Sendable {
    /// The quoted names of its columns, as in `ON CONFLICT (...)`.
    public var columns: [String]
    /// Their positions in a model's `encodeRow` values, in the same order.
    public var positions: [Int]
    /// Whether it is the primary key (`id`).
    public var isPrimaryKey: Bool
    /// `SELECT <columns> FROM <table> WHERE a = $1 AND b = $2`.
    public var find: String
    /// `INSERT ... ON CONFLICT (<columns>) DO UPDATE SET ... RETURNING ...`.
    public var upsert: WriteStatement
    /// The parts of an upsert that updates chosen columns, or none (`getOrCreate`).
    public var conflict: ConflictSQL

    /// Creates a description (generated code does).
    public init(
        columns: [String], positions: [Int], isPrimaryKey: Bool, find: String, upsert: WriteStatement,
        conflict: ConflictSQL = ConflictSQL(insert: WriteStatement(single: "", bulk: .unnest("")), target: "", automatic: [], condition: nil)
    ) {
        self.columns = columns
        self.positions = positions
        self.isPrimaryKey = isPrimaryKey
        self.find = find
        self.upsert = upsert
        self.conflict = conflict
    }
}

/// The parts of an upsert on one match key, for the upserts the runtime completes:
/// `insert` + ` ` + `target` + ` DO UPDATE SET ` + the chosen columns and `automatic` +
/// `condition` + ` ` + ``TableDescription/returning``, or `target` + ` DO NOTHING`.
@_spi(Generated)
public struct ConflictSQL: Sendable {
    /// The insert, whole up to its source relation (`INSERT INTO users (...) SELECT ... FROM
    /// (VALUES (...)) AS u(...)`), without a conflict clause or `RETURNING`.
    public var insert: WriteStatement
    /// `ON CONFLICT (email)`.
    public var target: String
    /// What every update on a conflict sets: `updated_at = now()`, `version = "users".version + 1`.
    public var automatic: [String]
    /// `WHERE "users".version = excluded.version` for a model with a `@version` column.
    public var condition: String?

    /// Creates the parts (generated code does).
    public init(insert: WriteStatement, target: String, automatic: [String], condition: String?) {
        self.insert = insert
        self.target = target
        self.automatic = automatic
        self.condition = condition
    }
}

/// The start of a partial update: `head` (`UPDATE users SET`), then `automatic`
/// (`updated_at = now()`) and the call's assignments, comma-separated, then the call's
/// `WHERE` and ``TableDescription/returning``.
@_spi(Generated)
public struct PartialUpdateSQL: Sendable {
    /// `UPDATE users SET`.
    public var head: String
    /// What every update sets: `updated_at = now()`, `version = version + 1`.
    public var automatic: [String]

    /// Creates the parts (generated code does).
    public init(head: String, automatic: [String]) {
        self.head = head
        self.automatic = automatic
    }
}

/// A model's `@version` column: an `Int64` every update and upsert checks (the row's version
/// must be the value's) and increments.
@_spi(Generated)
public struct VersionColumn<Model>: Sendable {
    /// The value's version.
    public var value: @Sendable (Model) -> Int64

    /// Creates the description (generated code does).
    public init(value: @escaping @Sendable (Model) -> Int64) {
        self.value = value
    }
}
