import FoundationEssentials

/// A typed column of a generated model, for filters and ordering: `User.columns.email` is a
/// `Column<User, String>`, so `User.columns.email == 42` does not compile.
///
/// ```swift
/// User.columns.email == "ada@example.com"           // email = $1
/// User.columns.loginCount >= 10                       // login_count >= $1
/// User.columns.nickname.isNull                        // nickname IS NULL
/// User.columns.email.in(["a@x.io", "b@x.io"])        // email = ANY($1)
/// User.columns.createdAt.descending                   // ORDER BY created_at DESC
/// ```
public struct Column<Model, Value: PostgresEncodable>: Sendable {
    /// The quoted SQL name (`email`, `"order"`).
    public let sqlName: String
    /// The SQL type parameters are cast to (an enum's type, such as `order_status`), if any.
    public let cast: String?

    /// Describes a column; generated code creates these.
    public init(_ sqlName: String, cast: String? = nil) {
        self.sqlName = sqlName
        self.cast = cast
    }

    func compare(_ op: String, _ value: some PostgresEncodable, arrayCast: Bool = false) -> Filter<Model> {
        let suffix = cast.map { "::" + $0 + (arrayCast ? "[]" : "") } ?? ""
        return Filter([.sql("\(sqlName) \(op) "), .parameter(value), .sql(suffix)])
    }

    /// `column = $1`; `column IS NULL` when the value is nil.
    public static func == (column: Column, value: Value) -> Filter<Model> {
        value.isNull ? column.isNull : column.compare("=", value)
    }

    /// `column <> $1`; `column IS NOT NULL` when the value is nil.
    public static func != (column: Column, value: Value) -> Filter<Model> {
        value.isNull ? column.isNotNull : column.compare("<>", value)
    }

    /// `column IS NULL`.
    public var isNull: Filter<Model> { Filter([.sql("\(sqlName) IS NULL")]) }

    /// `column IS NOT NULL`.
    public var isNotNull: Filter<Model> { Filter([.sql("\(sqlName) IS NOT NULL")]) }

    /// `ORDER BY column ASC` (NULLs last, as PostgreSQL orders them).
    public var ascending: Ordering<Model> {
        Ordering(column: sqlName, isDescending: false, isNullable: Value.self is any NullableColumnValue.Type)
    }

    /// `ORDER BY column DESC` (NULLs first, as PostgreSQL orders them).
    public var descending: Ordering<Model> {
        Ordering(column: sqlName, isDescending: true, isNullable: Value.self is any NullableColumnValue.Type)
    }
}

/// The value types of nullable columns (`Optional`), told apart from the others when an
/// ordering is built.
protocol NullableColumnValue {}
extension Optional: NullableColumnValue {}

extension Column where Value: PostgresArrayElement {
    /// `column = ANY($1)`: the value is one of `values`.
    public func `in`(_ values: [Value]) -> Filter<Model> {
        Filter([.sql("\(sqlName) = ANY("), .parameter(values), .sql((cast.map { "::\($0)[]" } ?? "") + ")")])
    }

    /// `NOT (column = ANY($1))`: the value is none of `values`.
    public func notIn(_ values: [Value]) -> Filter<Model> {
        !self.in(values)
    }
}

extension Column where Value: Comparable {
    /// `column < $1`.
    public static func < (column: Column, value: Value) -> Filter<Model> { column.compare("<", value) }
    /// `column <= $1`.
    public static func <= (column: Column, value: Value) -> Filter<Model> { column.compare("<=", value) }
    /// `column > $1`.
    public static func > (column: Column, value: Value) -> Filter<Model> { column.compare(">", value) }
    /// `column >= $1`.
    public static func >= (column: Column, value: Value) -> Filter<Model> { column.compare(">=", value) }
}

extension Column {
    /// `column < $1` on a nullable column (NULL never matches).
    public static func < <Wrapped: Comparable & PostgresEncodable>(column: Column, value: Wrapped) -> Filter<Model> where Value == Wrapped? {
        column.compare("<", value)
    }
    /// `column <= $1` on a nullable column.
    public static func <= <Wrapped: Comparable & PostgresEncodable>(column: Column, value: Wrapped) -> Filter<Model> where Value == Wrapped? {
        column.compare("<=", value)
    }
    /// `column > $1` on a nullable column.
    public static func > <Wrapped: Comparable & PostgresEncodable>(column: Column, value: Wrapped) -> Filter<Model> where Value == Wrapped? {
        column.compare(">", value)
    }
    /// `column >= $1` on a nullable column.
    public static func >= <Wrapped: Comparable & PostgresEncodable>(column: Column, value: Wrapped) -> Filter<Model> where Value == Wrapped? {
        column.compare(">=", value)
    }
}

/// Text columns: `LIKE` and `ILIKE`.
public protocol TextColumnValue: PostgresEncodable {}
extension String: TextColumnValue {}
extension Optional: TextColumnValue where Wrapped == String {}

extension Column where Value: TextColumnValue {
    /// `column LIKE $1` (`%` and `_` are wildcards).
    public func like(_ pattern: String) -> Filter<Model> { compare("LIKE", pattern) }
    /// `column ILIKE $1`: `LIKE`, ignoring case.
    public func ilike(_ pattern: String) -> Filter<Model> { compare("ILIKE", pattern) }
}

/// Timestamp columns: `before` and `after`.
public protocol TimestampColumnValue: PostgresEncodable {}
extension Date: TimestampColumnValue {}
extension Optional: TimestampColumnValue where Wrapped == Date {}

extension Column where Value: TimestampColumnValue {
    /// `column < $1`: strictly before `date`.
    public func before(_ date: Date) -> Filter<Model> { compare("<", date) }
    /// `column > $1`: strictly after `date`.
    public func after(_ date: Date) -> Filter<Model> { compare(">", date) }
}
