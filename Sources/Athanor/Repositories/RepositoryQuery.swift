/// The SQL of a `list`, `count`, `exists` or `deleteWhere`: a fixed head, then the optional
/// `WHERE`, `ORDER BY`, `LIMIT` and `OFFSET` of the call.
@_spi(Generated)
public struct RepositoryQuery: Sendable {
    /// The SQL text.
    public var sql: String
    /// The parameters of the filter, limit and offset.
    public var parameters: [any PostgresEncodable]

    /// `head WHERE ... ORDER BY ... LIMIT $n OFFSET $m`.
    public init<Model>(
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

    /// `SELECT EXISTS (head WHERE ...)`.
    public static func exists<Model>(_ head: String, where filter: Filter<Model>?) -> RepositoryQuery {
        var query = RepositoryQuery(head, where: filter, limit: 1)
        query.sql = "SELECT EXISTS (" + query.sql + ")"
        return query
    }
}
