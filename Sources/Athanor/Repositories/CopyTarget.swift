/// Where a repository's `copyMany` writes rows with binary `COPY`: the table and the columns the
/// caller supplies, every column but those the database fills (the audit columns, and a
/// sequential `id`). Columns left out take their defaults from the table's DDL (`DEFAULT now()`
/// for `created_at` and `updated_at`), exactly as the generated `INSERT` sets them with `now()`.
@_spi(Generated)
public struct CopyTarget: Sendable {
    /// The table's unquoted SQL name (`users`); quoted when the statement is built.
    public var table: String
    /// The unquoted SQL names of the columns COPY writes.
    public var columns: [String]
    /// Whether the row leaves out the first value of `encodeRow`, a sequential `id` the
    /// database assigns; the other values are `columns`, in order.
    public var skipsID: Bool

    /// Creates a target (generated code does).
    public init(table: String, columns: [String], skipsID: Bool) {
        self.table = table
        self.columns = columns
        self.skipsID = skipsID
    }
}
