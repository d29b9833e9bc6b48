/// The rows of a bulk write, as a relation named `u`: `unnest($1::uuid[], $2::text[]) AS u(id, email)`,
/// one array parameter per column (an array column as one array literal per row, see
/// ``PostgresArrayLiteralElement``), or, for a model with an array of timestamps,
/// `(VALUES ($1::uuid, $2::timestamptz[]), ($3::uuid, $4::timestamptz[])) AS u(id, times)`,
/// kept under PostgreSQL's 65,535 parameters.
///
/// One row alone (`create`, `update`, `upsert`) travels as scalar parameters instead, in the
/// types of ``rowTypes``: `(VALUES ($1::uuid, $2::text, $3::text[])) AS u(id, email, roles)`
/// (``singleRowSQL``), an array column as a binary array (`encodeRow`), never a literal.
@_spi(Generated)
public struct BulkSource: Sendable, Hashable {
    /// The quoted column names of `u`.
    public var columns: [String]
    /// The SQL type of each column's parameter (`uuid`, `text`, `text[]`).
    public var types: [String]
    /// True when rows travel as `VALUES` instead of `unnest` (an array of timestamps).
    public var usesValues: Bool
    /// The SQL type of each column's parameter when one row travels alone, as `encodeRow` gives
    /// it (`uuid`, `text`, `text[]`: an array column as an array, an enum as text); nil when the
    /// descriptor was generated without them (one row then goes through the bulk form).
    public var rowTypes: [String]?

    /// The most parameters one statement may carry.
    public static let parameterLimit = 65_535

    /// Creates a source whose single rows travel as `VALUES` of `rowTypes`.
    public init(columns: [String], types: [String], rowTypes: [String], usesValues: Bool) {
        self.columns = columns
        self.types = types
        self.rowTypes = rowTypes
        self.usesValues = usesValues
    }

    /// Creates a source without ``rowTypes`` (code generated before them): a `VALUES` source
    /// already has its row types; an `unnest` source sends single rows through `unnest`.
    public init(columns: [String], types: [String], usesValues: Bool) {
        self.columns = columns
        self.types = types
        self.rowTypes = usesValues ? types : nil
        self.usesValues = usesValues
    }

    /// How many rows go in one statement, given the preferred `batchSize`.
    public func rowsPerStatement(batchSize: Int) -> Int {
        guard usesValues else { return max(1, batchSize) }
        return max(1, min(batchSize, Self.parameterLimit / max(1, columns.count)))
    }

    /// The SQL of the source for `rows` rows.
    public func sql(rows: Int) -> String {
        if !usesValues {
            let alias = " AS u(" + columns.joined(separator: ", ") + ")"
            let arrays = types.enumerated().map { "$\($0.offset + 1)::\($0.element)[]" }
            return "unnest(" + arrays.joined(separator: ", ") + ")" + alias
        }
        return Self.values(rows: rows, types: types, columns: columns)
    }

    /// The SQL of the source for one row sent alone (`encodeRow`'s values as `$1`, `$2`, ...):
    /// `(VALUES ($1::uuid, $2::text[])) AS u(id, tags)`; nil without ``rowTypes``.
    public var singleRowSQL: String? {
        guard let rowTypes, rowTypes.count == columns.count else { return nil }
        return Self.values(rows: 1, types: rowTypes, columns: columns)
    }

    /// `(VALUES ($1::t1, ...), ...) AS u(c1, ...)`.
    static func values(rows: Int, types: [String], columns: [String]) -> String {
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
        return sql + ") AS u(" + columns.joined(separator: ", ") + ")"
    }
}
