import AthanorCompiler
import Testing

/// Hand-written migration SQL cut into statements as PostgreSQL's lexer reads it: the inputs
/// scripts/fuzz's FuzzSQLSplitter found misread, each with the pieces PostgreSQL sees.
@Suite struct SQLStatementSplitterTests {
    @Test func pieceBoundariesFollowPostgreSQLsLexer() {
        let cases: [(text: String, pieces: [String])] = [
            // An `E` that ends a word opens no escaped string: `LIKE'C:\'` is a plain string.
            ("SELECT 1 WHERE x LIKE'C:\\'; SELECT 2;", ["SELECT 1 WHERE x LIKE'C:\\';", " SELECT 2;"]),
            ("SELECT nameE'x\\'; SELECT 2;", ["SELECT nameE'x\\';", " SELECT 2;"]),
            // ... while a word that is just `E` does.
            ("SELECT E'x\\'; y'; SELECT 2;", ["SELECT E'x\\'; y';", " SELECT 2;"]),
            ("SELECT (e'\\\\');", ["SELECT (e'\\\\');"]),
            // A `$` inside a name is part of it, not a dollar quote.
            ("SELECT 1 AS a$b$; SELECT 2 AS c$$;", ["SELECT 1 AS a$b$;", " SELECT 2 AS c$$;"]),
            ("SELECT $1$$;$$;", ["SELECT $1$$;$$;"]),
            // A line comment ends at `\r` too.
            ("-- old Mac\rSELECT 1;\rSELECT 2;", ["-- old Mac\rSELECT 1;", "\rSELECT 2;"]),
        ]
        for (text, pieces) in cases {
            #expect(SQLStatementSplitter.split(text) == pieces, "\(text.debugDescription)")
        }
    }

    @Test func migrationFilesKeepTheirStatementsWhateverTheLineBreaks() {
        for lineBreak in ["\n", "\r\n", "\r"] {
            let text = ["-- Written by hand.", "-- athanor:no-transaction", "CREATE INDEX CONCURRENTLY i ON t (a);", "",
                        "-- second", "ALTER TABLE t", "  ADD COLUMN b TEXT;", ""].joined(separator: lineBreak)
            let statements = MigrationScript(parsing: text).statements
            #expect(statements == [
                MigrationStatement(sql: "CREATE INDEX CONCURRENTLY i ON t (a);", isTransactional: false),
                MigrationStatement(sql: "ALTER TABLE t" + lineBreak + "  ADD COLUMN b TEXT;"),
            ], "line break \(lineBreak.debugDescription)")
        }
    }
}
