/// Aggregates and projections: `SELECT <expressions> FROM <table>` with the call's filter,
/// grouping and page, decoded into the types the expressions carry.
extension RepositoryCore {
    /// `SELECT <key>, <expressions> FROM <table> WHERE ... GROUP BY <key> ORDER BY <key>`, or
    /// without a key `SELECT <expressions> FROM <table> WHERE ...`: its rows.
    func aggregate(_ expressions: [String], groupBy key: String?, where filter: Filter<Model>?) throws(AthanorError) -> RepositoryCall<Rows> {
        try rows(aggregateQuery(expressions, groupBy: key, where: filter))
    }

    /// The statement of ``aggregate(_:groupBy:where:)``.
    func aggregateQuery(_ expressions: [String], groupBy key: String?, where filter: Filter<Model>?) -> RepositoryQuery {
        let head = "SELECT " + ((key.map { [$0] } ?? []) + expressions).joined(separator: ", ") + " FROM " + table.tableName
        var query = RepositoryQuery(head, where: filter)
        if let key { query.sql += " GROUP BY \(key) ORDER BY \(key)" }
        return query
    }

    /// `SELECT <columns> FROM <table> WHERE ... ORDER BY ... LIMIT ... OFFSET ...`: its rows.
    func select(
        _ columns: [String], where filter: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, offset: Int?
    ) throws(AthanorError) -> RepositoryCall<Rows> {
        let head = "SELECT " + columns.joined(separator: ", ") + " FROM " + table.tableName
        return try rows(RepositoryQuery(head, where: filter, orderBy: orderBy, limit: limit, offset: offset))
    }

    private func rows(_ query: RepositoryQuery) throws(AthanorError) -> RepositoryCall<Rows> {
        let bindings = try Bindings(query.parameters)
        return .statement(.read, SingleStatement(sql: query.sql, bindings: bindings) { rows in rows })
    }

    /// The SQL of each aggregate.
    func expressions<each Value>(_ aggregates: repeat Aggregate<Model, each Value>) -> [String] {
        var expressions: [String] = []
        for aggregate in repeat each aggregates { expressions.append(aggregate.sql) }
        return expressions
    }

    /// The quoted name of each column.
    func columnNames<each Value>(_ columns: repeat Column<Model, each Value>) -> [String] {
        var names: [String] = []
        for column in repeat each columns { names.append(column.sqlName) }
        return names
    }

    /// The one row of an aggregate without grouping, its values from column `0`.
    func decodeAggregates<each Value>(_ rows: Rows, _ aggregates: repeat Aggregate<Model, each Value>) throws(AthanorError) -> (repeat each Value) {
        guard let row = rows.first else { throw .misuse("an aggregate of \(table.modelName) returned no row") }
        var cursor = RowCursor(row: row)
        return (repeat try cursor.next((each Value).self))
    }

    /// The rows of an aggregate grouped by a key: the key, then the aggregates.
    func decodeGroups<Key: PostgresDecodable, each Value>(
        _ rows: Rows, _: Key.Type, _ aggregates: repeat Aggregate<Model, each Value>
    ) throws(AthanorError) -> [(Key, repeat each Value)] {
        var groups: [(Key, repeat each Value)] = []
        groups.reserveCapacity(rows.count)
        for row in rows {
            var cursor = RowCursor(row: row)
            let key = try cursor.next(Key.self)
            groups.append((key, repeat try cursor.next((each Value).self)))
        }
        return groups
    }

    /// Rows of columns, decoded in order.
    func decodeColumns<each Value: PostgresDecodable>(_ rows: Rows, _: repeat (each Value).Type) throws(AthanorError) -> [(repeat each Value)] {
        var values: [(repeat each Value)] = []
        values.reserveCapacity(rows.count)
        for row in rows {
            var cursor = RowCursor(row: row)
            values.append((repeat try cursor.next((each Value).self)))
        }
        return values
    }
}

/// Reads a row's values left to right.
struct RowCursor {
    let row: Row
    var column = 0

    init(row: Row) { self.row = row }

    mutating func next<T: PostgresDecodable>(_ type: T.Type) throws(AthanorError) -> T {
        defer { column += 1 }
        return try row.decode(T.self, at: column)
    }
}
