import Athanor
import Foundation
import SchemaExamplesFixture
import Testing

extension GeneratedCodeOnTheServer.SchemaExamplesTests {
    /// `Strings.schema`: defaults, a table name and doc comments holding blank lines, quotes,
    /// backslashes, semicolons, `--` and `/*`. `createTables` ran each statement whole (in
    /// `with`), and the server's defaults are exactly the schema's: a row inserted with
    /// `DEFAULT VALUES` reads back as the generated initializer's defaults.
    @Test func stringsThatReachTheDDLComeBackAsWritten() async throws {
        let statements = SchemaExamplesFixture.AthanorSchema.script(for: .postgresql).statements
        #expect(statements.contains { $0.contains("DEFAULT 'first\n\nsecond'") && $0.hasPrefix("CREATE TABLE \"notes\n\n;") })
        #expect(statements.filter { $0.contains("notes\n\n;") }.count == 2)  // the table and its index, nothing split
        #expect(statements.allSatisfy { $0.hasSuffix(";") && !$0.hasPrefix("\n") })
        try await Self.with { pool in
            let table = SQLIdentifier.quoted("notes\n\n; -- /* \"q\" 'a' \\ */")
            try await pool.execute("INSERT INTO \(table) DEFAULT VALUES")
            let stored = try #require(try await NoteRepository(pool).list().first)
            let expected = Note(id: stored.id)
            #expect(stored.blank == "first\n\nsecond" && stored.blank == expected.blank)
            #expect(stored.quotes == "it's \"quoted\" ''" && stored.quotes == expected.quotes)
            #expect(stored.backslash == #"back\slash \n \\ \"# && stored.backslash == expected.backslash)
            #expect(stored.semicolon == expected.semicolon && stored.dashes == expected.dashes)
            #expect(stored.block == expected.block && stored.mixed == "\n\n-- x;\n/* y */\n\n;\n\n" && stored.mixed == expected.mixed)
            #expect(stored.trailing == "trailing spaces   " && stored.trailing == expected.trailing)
            #expect(stored.controls == "a\tb\rc" && stored.controls == expected.controls)
            #expect(stored.unicode == "ünï 🙂 \u{2028} \u{1F600}" && stored.unicode == expected.unicode)
            #expect(stored.tone == .loud && expected.tone == .loud)
            let document = try stored.document.decode([String: String].self)
            let expectedDocument = try expected.document.decode([String: String].self)
            #expect(document == ["k": "a\n\nb; -- /* */ '"] && document == expectedDocument)
            #expect(try await NoteRepository(pool).list(where: Note.columns.blank == "first\n\nsecond").map(\.id) == [stored.id])
        }
    }
}
