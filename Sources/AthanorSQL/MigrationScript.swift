/// One statement of a migration, whole, and whether it may run inside the migration's transaction.
public struct MigrationStatement: Sendable, Hashable {
    /// The SQL, without its directive comment, ending with `;`.
    public var sql: String
    /// `false` for what PostgreSQL refuses inside a transaction block (`CREATE INDEX CONCURRENTLY`)
    /// or what must commit before the migration uses it (an enum value); the file marks it with a
    /// `-- athanor:no-transaction` line just before it.
    public var isTransactional: Bool

    /// Creates a statement.
    public init(sql: String, isTransactional: Bool = true) {
        self.sql = sql
        self.isTransactional = isTransactional
    }
}

/// The SQL of one migration in one dialect: the `postgresql.sql` or `cockroachdb.sql` of a
/// migration folder, written by `athanor migrate diff` or by hand, read back whole by
/// ``init(parsing:)`` (statements end with `;` outside quotes, dollar quotes and comments).
///
/// ```sql
/// -- Written by athanor migrate diff. Dialect: PostgreSQL.
/// ALTER TABLE users ADD COLUMN nickname TEXT;
///
/// -- athanor:no-transaction
/// CREATE INDEX CONCURRENTLY users_nickname_idx ON users (nickname);
/// ```
public struct MigrationScript: Sendable, Hashable {
    /// The directive line that marks the next statement as non-transactional.
    public static let noTransactionDirective = "-- athanor:no-transaction"

    /// The comment lines at the top (each starting with `--`), or an empty string.
    public var header: String
    /// The statements, in order.
    public var statements: [MigrationStatement]

    /// Creates a script.
    public init(header: String = "", statements: [MigrationStatement]) {
        self.header = header
        self.statements = statements
    }

    /// The file's text: the header, then each statement after a blank line (and its directive).
    public var text: String {
        var parts: [String] = header.isEmpty ? [] : [header]
        for statement in statements {
            parts.append(statement.isTransactional ? statement.sql : Self.noTransactionDirective + "\n" + statement.sql)
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// Reads a migration file: its statements, whole, with their directives; comments and blank
    /// lines between statements are dropped. Lines end with `\n`, `\r\n` or `\r`.
    public init(parsing text: String) {
        var statements: [MigrationStatement] = []
        for chunk in SQLStatementSplitter.split(text) {
            var isTransactional = true
            // Byte by byte: a `\r\n` is one Character, which a split on "\n" would not see.
            let bytes = Array(chunk.utf8)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
                let line = String(decoding: bytes[start..<end], as: UTF8.self).trimmingWhitespace
                guard line.isEmpty || line.utf8.starts(with: "--".utf8) else { break }
                if line == Self.noTransactionDirective { isTransactional = false }
                start = min(end + 1, bytes.count)
            }
            let sql = String(decoding: bytes[start...], as: UTF8.self).trimmingWhitespace
            if !sql.isEmpty { statements.append(MigrationStatement(sql: sql, isTransactional: isTransactional)) }
        }
        self.init(statements: statements)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks (`\r\n` too, which is
    /// one Character), compared scalar by scalar.
    var trimmingWhitespace: String {
        let scalars = String(self).unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }), let end = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}
