/// The rows of a bulk write, as a relation named `u`: `unnest($1::uuid[], $2::text[]) AS u(id, email)`,
/// one array parameter per column (an array column as one array literal per row, see
/// ``PostgresArrayLiteralElement``), or, for a model with an array of timestamps,
/// `(VALUES ($1::uuid, $2::timestamptz[]), ($3::uuid, $4::timestamptz[])) AS u(id, times)`,
/// kept under PostgreSQL's 65,535 parameters.
@_spi(Generated)
public struct BulkSource: Sendable, Hashable {
    /// The quoted column names of `u`.
    public var columns: [String]
    /// The SQL type of each column's parameter (`uuid`, `text`, `text[]`).
    public var types: [String]
    /// True when rows travel as `VALUES` instead of `unnest` (an array of timestamps).
    public var usesValues: Bool

    /// The most parameters one statement may carry.
    public static let parameterLimit = 65_535

    /// Creates a source.
    public init(columns: [String], types: [String], usesValues: Bool) {
        self.columns = columns
        self.types = types
        self.usesValues = usesValues
    }

    /// How many rows go in one statement, given the preferred `batchSize`.
    public func rowsPerStatement(batchSize: Int) -> Int {
        guard usesValues else { return max(1, batchSize) }
        return max(1, min(batchSize, Self.parameterLimit / max(1, columns.count)))
    }

    /// The SQL of the source for `rows` rows.
    public func sql(rows: Int) -> String {
        let alias = " AS u(" + columns.joined(separator: ", ") + ")"
        if !usesValues {
            let arrays = types.enumerated().map { "$\($0.offset + 1)::\($0.element)[]" }
            return "unnest(" + arrays.joined(separator: ", ") + ")" + alias
        }
        var sql = "(VALUES "
        sql.reserveCapacity(rows * types.count * 12)
        for row in 0..<rows {
            if row > 0 { sql += ", " }
            sql += "("
            for (offset, type) in types.enumerated() {
                if offset > 0 { sql += ", " }
                sql += "$\(row * types.count + offset + 1)::\(type)"
            }
            sql += ")"
        }
        return sql + ")" + alias
    }
}
