/// Quoting of SQL names and string literals: the one quoter of the compiler (DDL, repository
/// statements) and of the runtime (COPY, database names).
public enum SQLIdentifier {
    /// The reserved words of PostgreSQL and CockroachDB: a name among these must be quoted.
    static let reservedWords: Set<String> = [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
        "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
        "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
        "current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable",
        "desc", "distinct", "do", "else", "end", "except", "false", "family", "fetch", "for", "foreign",
        "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "index", "initially", "inner",
        "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit",
        "localtime", "localtimestamp", "natural", "not", "nothing", "notnull", "null", "offset", "on",
        "only", "or", "order", "outer", "overlaps", "placing", "primary", "references", "returning",
        "right", "select", "session_user", "similar", "some", "symmetric", "system_user", "table",
        "tablesample", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
        "verbose", "when", "where", "window", "with",
    ]

    /// `name` as it must appear in SQL: bare when it is a plain lower-case name and no reserved word,
    /// otherwise in double quotes (with `"` doubled): `users`, `"order"`, `"Weird Name"`.
    public static func quoted(_ name: String) -> String {
        if isPlain(name), !reservedWords.contains(name) { return name }
        return "\"" + name.replacing("\"", with: "\"\"") + "\""
    }

    /// The name `quoted(_:)` made `sql` from: `"order"` becomes `order`, `users` stays.
    public static func unquoted(_ sql: String) -> String {
        guard sql.count >= 2, sql.hasPrefix("\""), sql.hasSuffix("\"") else { return sql }
        return String(sql.dropFirst().dropLast()).replacing("\"\"", with: "\"")
    }

    /// A SQL string literal, `'` doubled: `'it''s'`. Backslashes stay as they are, which is
    /// correct with `standard_conforming_strings` on (the default of both databases).
    public static func stringLiteral(_ value: String) -> String {
        "'" + value.replacing("'", with: "''") + "'"
    }

    private static func isPlain(_ name: String) -> Bool {
        guard let first = name.utf8.first, first.isLowercaseLetter || first == UInt8(ascii: "_") else { return false }
        return name.utf8.allSatisfy { $0.isLowercaseLetter || $0.isDigit || $0 == UInt8(ascii: "_") }
    }
}

extension UInt8 {
    fileprivate var isLowercaseLetter: Bool { self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z") }
    fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
}
