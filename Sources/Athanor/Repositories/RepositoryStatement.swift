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
    /// ``Repository/stream(where:orderBy:limit:bufferSize:)``: the statement read row by row.
    case stream(where: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil)
    /// A `list(..., including:)`: the list's statement, then the relation's (`relation`, as the
    /// relation holds it). Built by the static `list(where:orderBy:limit:offset:including:)`
    /// functions from the typed relation.
    case listIncluding(where: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, offset: Int?, relation: String)
    /// The `aggregate` calls: the aggregates' SQL (``Aggregate/sql``) and the grouping column's,
    /// if any. Built by the static `aggregate(_:where:)` and `aggregate(_:groupBy:where:)` from the typed
    /// aggregates.
    case aggregates([String], groupBy: String?, where: Filter<Model>?)

    /// `Repository.list(where:orderBy:limit:offset:including:)` of a parent:
    /// `users.sql(for: .list(including: .customer))` is two statements, one a line.
    public static func list<Parent>(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil,
        including relation: ParentRelation<Model, Parent>
    ) -> Self {
        .listIncluding(where: filter, orderBy: orderBy, limit: limit, offset: offset, relation: relation.parents)
    }

    /// A `list(..., including:)` of children (`users.sql(for: .list(including: .orders))`).
    public static func list<Child>(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil,
        including relation: ChildrenRelation<Model, Child>
    ) -> Self {
        .listIncluding(where: filter, orderBy: orderBy, limit: limit, offset: offset, relation: relation.children)
    }

    /// A `list(..., including:)` through a join model (`pages.sql(for: .list(including: .tags))`).
    public static func list<Other>(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil,
        including relation: ManyToManyRelation<Model, Other>
    ) -> Self {
        .listIncluding(where: filter, orderBy: orderBy, limit: limit, offset: offset, relation: relation.related)
    }

    /// `Repository.aggregate(_:where:)`:
    /// `orders.sql(for: .aggregate(.count, Order.columns.totalCents.sum))`.
    public static func aggregate<each Value>(_ aggregates: repeat Aggregate<Model, each Value>, where filter: Filter<Model>? = nil) -> Self {
        var expressions: [String] = []
        for aggregate in repeat each aggregates { expressions.append(aggregate.sql) }
        return .aggregates(expressions, groupBy: nil, where: filter)
    }

    /// The grouped `aggregate`: `orders.sql(for: .aggregate(.count, groupBy: Order.columns.status))`.
    public static func aggregate<Key, each Value>(
        _ aggregates: repeat Aggregate<Model, each Value>, groupBy key: Column<Model, Key>, where filter: Filter<Model>? = nil
    ) -> Self {
        var expressions: [String] = []
        for aggregate in repeat each aggregates { expressions.append(aggregate.sql) }
        return .aggregates(expressions, groupBy: key.sqlName, where: filter)
    }
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
        case let .stream(filter, orderBy, limit):
            return table.listQuery(windowed: false, where: filter, orderBy: orderBy, limit: limit, offset: nil).sql
        case let .listIncluding(filter, orderBy, limit, offset, relation):
            return table.listQuery(windowed: false, where: filter, orderBy: orderBy, limit: limit, offset: offset).sql + "\n" + relation
        case let .aggregates(expressions, key, filter): return aggregateQuery(expressions, groupBy: key, where: filter).sql
        }
    }
}
