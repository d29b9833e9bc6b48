import Synchronization

/// The SQL of a `list`, `count`, `exists` or `deleteWhere`: a fixed head, then the optional
/// `WHERE`, `ORDER BY`, `LIMIT` and `OFFSET` of the call.
struct RepositoryQuery: Sendable {
    /// The SQL text.
    var sql: String
    /// The parameters of the filter, limit and offset.
    var parameters: [any PostgresEncodable]

    /// `head WHERE ... ORDER BY ... LIMIT $n OFFSET $m`.
    init<Model>(
        _ head: String, where filter: Filter<Model>?, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil
    ) {
        sql = head
        parameters = []
        if let filter {
            let rendered = filter.render()
            sql += " WHERE " + rendered.sql
            parameters = rendered.parameters
        }
        if !orderBy.isEmpty {
            sql += " ORDER BY " + orderBy.map(\.sql).joined(separator: ", ")
        }
        if let limit {
            parameters.append(Int64(limit))
            sql += " LIMIT $\(parameters.count)"
        }
        if let offset {
            parameters.append(Int64(offset))
            sql += " OFFSET $\(parameters.count)"
        }
    }

    init(sql: String, parameters: [any PostgresEncodable]) {
        self.sql = sql
        self.parameters = parameters
    }
}

/// The SQL of the unfiltered `list` and `listAndCount` queries of one table, by shape (which of
/// the two, the ordering, and whether there is a limit and an offset): built once per shape
/// instead of on every call. Bounded: past ``capacity`` shapes, new ones are built per call.
final class ListQueryCache<Model>: Sendable {
    struct Shape: Hashable, Sendable {
        var windowed: Bool
        var orderBy: [Ordering<Model>]
        var limit: Bool
        var offset: Bool
    }

    /// The most shapes kept per table.
    static var capacity: Int { 64 }

    private let entries = Mutex<[Shape: String]>([:])

    /// How many shapes are cached.
    var count: Int { entries.withLock { $0.count } }

    /// `head ORDER BY ... LIMIT $1 OFFSET $2` with its parameters (`windowed`: `head` is the
    /// table's `selectWithTotal`); a filtered query is built as usual (its SQL depends on the filter).
    func query(
        _ head: String, windowed: Bool, where filter: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, offset: Int?
    ) -> RepositoryQuery {
        guard filter == nil else {
            return RepositoryQuery(head, where: filter, orderBy: orderBy, limit: limit, offset: offset)
        }
        let parameters: [any PostgresEncodable] = switch (limit, offset) {
        case let (limit?, offset?): [Int64(limit), Int64(offset)]
        case let (limit?, nil): [Int64(limit)]
        case let (nil, offset?): [Int64(offset)]
        case (nil, nil): []
        }
        let shape = Shape(windowed: windowed, orderBy: orderBy, limit: limit != nil, offset: offset != nil)
        if let sql = entries.withLock({ $0[shape] }) {
            return RepositoryQuery(sql: sql, parameters: parameters)
        }
        let query = RepositoryQuery(head, where: filter, orderBy: orderBy, limit: limit, offset: offset)
        entries.withLock { entries in
            if entries.count < Self.capacity { entries[shape] = query.sql }
        }
        return query
    }
}
