import FoundationEssentials

/// A typed aggregate over a model's rows, for `aggregate(_:where:)` and
/// `aggregate(_:groupBy:where:)`: the result's Swift type comes from the column's.
///
/// ```swift
/// let (orders, revenue) = try await orders.aggregate(.count, Order.columns.totalCents.sum)   // (Int64, Int64?)
/// let byStatus = try await orders.aggregate(.count, groupBy: Order.columns.status)         // [(OrderStatus, Int64)]
/// ```
public struct Aggregate<Model, Value: PostgresDecodable>: Sendable {
    /// The SQL expression (`sum(total_cents)::int8`).
    public let sql: String

    init(_ sql: String) { self.sql = sql }
}

extension Aggregate where Value == Int64 {
    /// `count(*)`: the number of rows.
    public static var count: Aggregate { Aggregate("count(*)") }
}

extension Column {
    /// `count(column)`: the number of rows where the column is not NULL.
    public var count: Aggregate<Model, Int64> { Aggregate("count(\(sqlName))") }
}

extension Column where Value: PostgresDecodable {
    /// `min(column)`: the smallest value, nil without rows.
    public var min: Aggregate<Model, Value?> { Aggregate("min(\(sqlName))") }
    /// `max(column)`: the largest value, nil without rows.
    public var max: Aggregate<Model, Value?> { Aggregate("max(\(sqlName))") }
}

/// Integer columns (and their optionals): `sum` as an `Int64`.
public protocol IntegerColumnValue: PostgresEncodable {}
extension Int16: IntegerColumnValue {}
extension Int32: IntegerColumnValue {}
extension Int64: IntegerColumnValue {}
extension Optional: IntegerColumnValue where Wrapped: IntegerColumnValue {}

/// Numeric columns (and their optionals): `avg` as a `Double`.
public protocol NumericColumnValue: PostgresEncodable {}
extension Int16: NumericColumnValue {}
extension Int32: NumericColumnValue {}
extension Int64: NumericColumnValue {}
extension Double: NumericColumnValue {}
extension Float: NumericColumnValue {}
extension Decimal: NumericColumnValue {}
extension Optional: NumericColumnValue where Wrapped: NumericColumnValue {}

extension Column where Value: IntegerColumnValue {
    /// `sum(column)::int8`: the sum, nil without rows (past `Int64.max` the server refuses it).
    public var sum: Aggregate<Model, Int64?> { Aggregate("sum(\(sqlName))::int8") }
}

extension Column where Value: NumericColumnValue {
    /// `avg(column)::float8`: the mean, nil without rows.
    public var average: Aggregate<Model, Double?> { Aggregate("avg(\(sqlName))::float8") }
}
