/// A typed condition on a model's rows: the `WHERE` clause of a generated repository's
/// `list`, `count`, `exists` and `deleteWhere`, built from the model's column descriptors.
///
/// ```swift
/// let recent = try await users.list(
///     where: User.columns.createdAt.after(yesterday) && User.columns.email.ilike("%@example.com"))
/// // SELECT ... FROM users WHERE (created_at > $1) AND (email ILIKE $2)
/// ```
/// Values are always bound as parameters, never spliced into SQL; `description` shows the
/// condition with its placeholders and never a value (`(created_at > $1) AND (email ILIKE $2)`).
public struct Filter<Model>: Sendable, CustomStringConvertible {
    enum Piece: Sendable {
        case sql(String)
        case parameter(any PostgresEncodable)
    }

    var pieces: [Piece]

    init(_ pieces: [Piece]) { self.pieces = pieces }

    /// Every row: `TRUE`.
    public static var all: Filter { Filter([.sql("TRUE")]) }

    /// Both conditions: `(a) AND (b)`.
    public static func && (lhs: Filter, rhs: Filter) -> Filter {
        Filter([.sql("(")] + lhs.pieces + [.sql(") AND (")] + rhs.pieces + [.sql(")")])
    }

    /// Either condition: `(a) OR (b)`.
    public static func || (lhs: Filter, rhs: Filter) -> Filter {
        Filter([.sql("(")] + lhs.pieces + [.sql(") OR (")] + rhs.pieces + [.sql(")")])
    }

    /// The opposite condition: `NOT (a)`.
    public static prefix func ! (filter: Filter) -> Filter {
        Filter([.sql("NOT (")] + filter.pieces + [.sql(")")])
    }

    /// The condition's SQL, its values as `$1`, `$2`, ...: `(created_at > $1) AND (email ILIKE $2)`.
    public var description: String { render().sql }

    /// The SQL text with `$n` placeholders numbered from `firstParameter`, and the parameters.
    @_spi(Generated)
    public func render(firstParameter: Int = 1) -> (sql: String, parameters: [any PostgresEncodable]) {
        var sql = ""
        var parameters: [any PostgresEncodable] = []
        for piece in pieces {
            switch piece {
            case .sql(let text):
                sql += text
            case .parameter(let value):
                parameters.append(value)
                sql += "$\(firstParameter + parameters.count - 1)"
            }
        }
        return (sql, parameters)
    }
}

/// One term of an `ORDER BY`: a column, ascending or descending.
///
/// ```swift
/// try await users.list(orderBy: [User.columns.createdAt.descending, User.columns.email.ascending])
/// ```
public struct Ordering<Model>: Sendable, Hashable {
    /// The quoted column (`created_at`).
    let column: String
    /// `DESC` rather than `ASC`.
    let isDescending: Bool
    /// The column can hold NULL (its Swift type is optional): a keyset page then orders NULLs
    /// as PostgreSQL does (last for `ASC`, first for `DESC`) in its cursor condition.
    var isNullable = false

    /// The SQL term (`created_at DESC`).
    public var sql: String { column + (isDescending ? " DESC" : " ASC") }
}
