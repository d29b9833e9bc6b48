/// A repository call whose statement ``Repository/sql(for:)`` shows, without running it: the
/// SQL with `$1`, `$2`, ... where the values go, never the values.
///
/// ```swift
/// print(users.sql(for: .list(where: User.columns.loginCount > 3, orderBy: [User.columns.email.ascending], limit: 10)))
/// // SELECT id, email, ... FROM users WHERE login_count > $1 ORDER BY email ASC LIMIT $2
/// ```
public enum RepositoryStatement<Model: TableModel>: Sendable {
    /// ``Repository/list(where:orderBy:limit:offset:)``.
    case list(where: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil)
    /// ``Repository/first(where:orderBy:)``.
    case first(where: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [])
    /// ``Repository/one(where:)``.
    case one(where: Filter<Model>)
    /// ``Repository/count(where:)``.
    case count(where: Filter<Model>? = nil)
    /// ``Repository/exists(where:)``.
    case exists(where: Filter<Model>? = nil)
    /// ``Repository/page(where:orderBy:after:limit:)``.
    case page(where: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], after: PageCursor? = nil, limit: Int)
    /// ``Repository/update(_:set:)`` (of any row).
    case update(set: [Assignment<Model>])
    /// ``Repository/updateWhere(_:set:)``.
    case updateWhere(Filter<Model>, set: [Assignment<Model>])
    /// ``Repository/deleteWhere(_:)``.
    case deleteWhere(Filter<Model>)
}

extension RepositoryCore {
    /// The SQL `statement` runs, from the same builders as the call itself.
    func sql(for statement: RepositoryStatement<Model>) throws(AthanorError) -> String {
        switch statement {
        case let .list(filter, orderBy, limit, offset):
            return table.listQuery(windowed: false, where: filter, orderBy: orderBy, limit: limit, offset: offset).sql
        case let .first(filter, orderBy):
            return table.listQuery(windowed: false, where: filter, orderBy: orderBy, limit: 1, offset: nil).sql
        case let .one(filter):
            return table.listQuery(windowed: false, where: filter, orderBy: [], limit: 2, offset: nil).sql
        case let .count(filter): return RepositoryQuery(table.count, where: filter).sql
        case let .exists(filter): return RepositoryQuery(table.exists, where: filter, limit: 1).sql
        case let .page(filter, orderBy, cursor, limit):
            return try pageQuery(where: filter, orderBy: orderBy, after: cursor, limit: limit).sql.sql
        case let .update(assignments): return try updateQuery(nil, set: assignments).sql
        case let .updateWhere(filter, assignments): return try updateWhereQuery(filter, set: assignments).sql
        case let .deleteWhere(filter): return RepositoryQuery(table.delete, where: filter).sql
        }
    }
}
