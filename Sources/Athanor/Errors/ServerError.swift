/// An error the server reported: an ErrorResponse with its fields.
///
/// `description` names the code, the condition and the objects involved, never values:
/// `23505 unique_violation on constraint users_email_key (table users)`.
/// `debugDescription` adds the message, DETAIL and HINT, which may contain row values.
public struct ServerError: Sendable, Hashable {
    /// The SQLSTATE code.
    public var sqlState: SQLState
    /// `ERROR`, `FATAL` or `PANIC` (never localized).
    public var severity: String
    /// The primary message. May contain values (for example a bad input literal).
    public var message: String
    /// The DETAIL field, which often contains row values.
    public var detail: String?
    /// The HINT field.
    public var hint: String?
    /// The constraint involved, if any.
    public var constraint: String?
    /// The schema involved, if any.
    public var schema: String?
    /// The table involved, if any.
    public var table: String?
    /// The column involved, if any.
    public var column: String?

    /// Creates a server error (mostly for tests).
    public init(
        sqlState: SQLState, severity: String = "ERROR", message: String, detail: String? = nil,
        hint: String? = nil, constraint: String? = nil, schema: String? = nil, table: String? = nil,
        column: String? = nil
    ) {
        self.sqlState = sqlState
        self.severity = severity
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.schema = schema
        self.table = table
        self.column = column
    }

    /// A one-line summary without values.
    var summary: String {
        var text = "\(sqlState.rawValue) \(sqlState.conditionName ?? "error")"
        if let constraint { text += " on constraint \(constraint)" }
        var objects: [String] = []
        if let table { objects.append("table \(table)") }
        if let column { objects.append("column \(column)") }
        if !objects.isEmpty { text += " (\(objects.joined(separator: ", ")))" }
        return text
    }

    /// The summary, then the message, DETAIL and HINT.
    var details: String {
        var text = "\(summary): \(severity): \(message)"
        if let detail { text += "; DETAIL: \(detail)" }
        if let hint { text += "; HINT: \(hint)" }
        return text
    }
}
