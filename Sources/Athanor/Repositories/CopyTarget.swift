/// Where and how a generated `copyMany` writes rows with binary `COPY`: the table, the columns
/// the caller supplies (every column but those the database fills: the audit columns, and a
/// sequential `id`), and one model's values in that order.
///
/// The generated code creates one per model. Columns left out of `columns` take their
/// defaults from the table's DDL (`DEFAULT now()` for `created_at` and `updated_at`), exactly as
/// the generated `INSERT` sets them with `now()`.
@_spi(Generated)
public struct CopyTarget<Model: Sendable>: Sendable {
    /// The table's unquoted SQL name (`users`); quoted when the statement is built.
    public var table: String
    /// The unquoted SQL names of the columns COPY writes, in the order of `encodeRow`.
    public var columns: [String]
    /// One model's values, one per column of `columns`.
    public var encodeRow: @Sendable (Model) -> [any PostgresEncodable]

    /// Creates a target (generated code does).
    public init(table: String, columns: [String], encodeRow: @escaping @Sendable (Model) -> [any PostgresEncodable]) {
        self.table = table
        self.columns = columns
        self.encodeRow = encodeRow
    }
}
