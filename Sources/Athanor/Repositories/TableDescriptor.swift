/// Everything a generated repository needs to know about its table: the SQL of every
/// operation (built and unit-tested by the compiler, handed over as string literals) and the
/// functions that move a model in and out of rows. Generated code creates one per model.
@_spi(Generated)
public struct TableDescriptor<Model: Sendable>: Sendable {
    /// The model's name, for errors (`User`).
    public var modelName: String
    /// `SELECT <columns> FROM <table>`.
    public var select: String
    /// `SELECT count(*) FROM <table>`.
    public var count: String
    /// `DELETE FROM <table>`.
    public var delete: String
    /// The primary key's quoted column name (`id`).
    public var primaryKey: String
    /// `SELECT ... WHERE <key columns> = $1 ...`, by match-key constraint name.
    public var finds: [String: String]
    /// The rows a bulk statement reads from.
    public var source: BulkSource
    /// `INSERT ... SELECT ... FROM ` / ` RETURNING ...`.
    public var insert: BulkStatement
    /// The upsert of each match key, by constraint name.
    public var upserts: [String: BulkStatement]
    /// `UPDATE ... FROM ` / ` WHERE t.id = u.id RETURNING ...`.
    public var update: BulkStatement
    /// Decodes a row whose columns are in table order.
    public var decode: @Sendable (Row) throws(AthanorError) -> Model
    /// One model's values, in the source's column order: the parameters of a single-row write
    /// (typed by ``BulkSource/rowTypes``), and of a `VALUES` bulk write.
    public var encodeRow: @Sendable (Model) -> [any PostgresEncodable]
    /// Column arrays (one per source column) of a slice of models, for `unnest`.
    public var encodeColumns: @Sendable (ArraySlice<Model>) -> [any PostgresEncodable]
    /// The table and columns of `copyMany` (binary `COPY`); nil for a descriptor written by hand
    /// before COPY existed, whose `copyMany` then throws ``AthanorError/misuse(_:)``.
    public var copy: CopyTarget<Model>?

    /// Built once: `SELECT ... WHERE id = $1`, `DELETE ... WHERE id = $1`, `... = ANY($1)`.
    let getByID: String
    let deleteByID: String
    let deleteByIDs: String
    /// Built once: `SELECT <columns>, count(*) OVER () FROM <table>`, for `listAndCount` in one
    /// statement (nil if `select` and `count` do not have the shape the compiler gives them).
    let selectWithTotal: String?
    /// Built once: each write statement for one row of the bulk form (`unnest` of one-element
    /// arrays), by its tail (the tails differ).
    let bulkOneRow: [String: (head: String, sql: String)]
    /// Built once: each write statement for one row sent alone as scalar parameters
    /// (``BulkSource/singleRowSQL``), by its tail; empty without ``BulkSource/rowTypes``.
    let singleRow: [String: SingleRowStatement]
    /// Built once: the match key of each upsert, by its tail.
    let upsertKeys: [String: UpsertKey]
    /// The SQL of unfiltered `list` and `listAndCount` calls, by shape, built on first use.
    let listQueries = ListQueryCache<Model>()

    /// Creates a descriptor (generated code does).
    public init(
        modelName: String, select: String, count: String, delete: String, primaryKey: String,
        finds: [String: String], source: BulkSource, insert: BulkStatement, upserts: [String: BulkStatement],
        update: BulkStatement, decode: @escaping @Sendable (Row) throws(AthanorError) -> Model,
        encodeRow: @escaping @Sendable (Model) -> [any PostgresEncodable],
        encodeColumns: @escaping @Sendable (ArraySlice<Model>) -> [any PostgresEncodable],
        copy: CopyTarget<Model>? = nil
    ) {
        self.modelName = modelName
        self.select = select
        self.count = count
        self.delete = delete
        self.primaryKey = primaryKey
        self.finds = finds
        self.source = source
        self.insert = insert
        self.upserts = upserts
        self.update = update
        self.decode = decode
        self.encodeRow = encodeRow
        self.encodeColumns = encodeColumns
        self.copy = copy
        getByID = select + " WHERE " + primaryKey + " = $1"
        deleteByID = delete + " WHERE " + primaryKey + " = $1"
        deleteByIDs = delete + " WHERE " + primaryKey + " = ANY($1)"
        let from = String(count.dropFirst("SELECT count(*)".count))
        if count.hasPrefix("SELECT count(*) FROM "), select.hasPrefix("SELECT "), select.hasSuffix(from) {
            selectWithTotal = String(select.dropLast(from.count)) + ", count(*) OVER ()" + from
        } else {
            selectWithTotal = nil
        }
        var bulkOneRow: [String: (head: String, sql: String)] = [:]
        for statement in [insert, update] + upserts.values {
            bulkOneRow[statement.tail] = (statement.head, statement.head + source.sql(rows: 1) + statement.tail)
        }
        self.bulkOneRow = bulkOneRow
        var singleRow: [String: SingleRowStatement] = [:]
        if let values = source.singleRowSQL {
            for statement in [insert, update] + upserts.values {
                singleRow[statement.tail] = SingleRowStatement(
                    head: statement.head, sql: statement.head + values + statement.tail,
                    key: UpsertKey(statement: statement, source: source))
            }
        }
        self.singleRow = singleRow
        var upsertKeys: [String: UpsertKey] = [:]
        for statement in upserts.values {
            upsertKeys[statement.tail] = UpsertKey(statement: statement, source: source)
        }
        self.upsertKeys = upsertKeys
    }

    /// The SQL of `statement` for `rows` rows.
    func sql(_ statement: BulkStatement, rows: Int) -> String {
        if rows == 1, let entry = bulkOneRow[statement.tail], entry.head == statement.head { return entry.sql }
        return statement.head + source.sql(rows: rows) + statement.tail
    }

    /// The query of a `list` (`windowed`: of a `listAndCount`, whose head is `selectWithTotal`).
    func listQuery(
        windowed: Bool = false, where filter: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, offset: Int?
    ) -> RepositoryQuery {
        let head = windowed ? selectWithTotal ?? select : select
        return listQueries.query(head, where: filter, orderBy: orderBy, limit: limit, offset: offset)
    }

    /// The parameters of `models` in the bulk form: column arrays for `unnest`, rows for `VALUES`.
    func encode(_ models: ArraySlice<Model>) -> [any PostgresEncodable] {
        guard source.usesValues else { return encodeColumns(models) }
        var parameters: [any PostgresEncodable] = []
        parameters.reserveCapacity(models.count * source.columns.count)
        for model in models { parameters += encodeRow(model) }
        return parameters
    }

    /// The SQL and parameters of `statement` for the single value `model`, its match key checked
    /// for NULLs: the single-row form (`encodeRow`'s values, encoded once) when the descriptor has
    /// one, otherwise the bulk form for one row.
    func single(
        _ model: Model, _ statement: BulkStatement
    ) throws(AthanorError) -> (sql: String, parameters: [any PostgresEncodable]) {
        guard let entry = singleRow[statement.tail], entry.head == statement.head else {
            try checkMatchKeys([model], statement)
            return (sql(statement, rows: 1), encode([model][...]))
        }
        let row = encodeRow(model)
        if let key = entry.key { try checkMatchKey(key, row, which: "the value") }
        return (entry.sql, row)
    }
}

/// A write statement for one row sent alone: `head + (VALUES ($1::uuid, ...)) AS u(...) + tail`.
struct SingleRowStatement: Sendable {
    /// The head of the statement it stands for (checked, as tails are the lookup key).
    var head: String
    /// The whole SQL.
    var sql: String
    /// For an upsert, its match key.
    var key: UpsertKey?
}

/// A statement that reads its rows from a ``BulkSource``: `head + source + tail`.
@_spi(Generated)
public struct BulkStatement: Sendable, Hashable {
    /// The SQL before the source (`INSERT INTO users (...) SELECT u.id, ... FROM `).
    public var head: String
    /// The SQL after it (` ON CONFLICT (email) DO UPDATE SET ... RETURNING ...`).
    public var tail: String
    /// For an upsert, the quoted columns of its `ON CONFLICT (...)` (the match key), as the
    /// compiler wrote them; empty for other statements.
    public var keyColumns: [String]

    /// Creates a statement.
    public init(head: String, tail: String, keyColumns: [String] = []) {
        self.head = head
        self.tail = tail
        self.keyColumns = keyColumns
    }
}
