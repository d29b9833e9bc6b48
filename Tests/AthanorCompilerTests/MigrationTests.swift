import AthanorCompiler
import AthanorCompilerIO
import Foundation
import Testing

/// The pieces of migrations that need no server: the rename attributes, the snapshot, the SQL
/// file format, checksums, determinism.
@Suite struct MigrationTests {
    @Test func renamedAttributesAreCheckedWhereWritten() {
        expectDiagnostics("""
        model A: UUIDBase {
         1️⃣@@renamed(from: B)
         x: String 2️⃣@renamed("y")
         z: String @renamed(from: 3️⃣"z")
         w: String @renamed(from: 4️⃣"")
         @@5️⃣renamd(from: "C")
        }
        """, [
            .error("1️⃣", "'@@renamed' takes the previous name as a string: '@@renamed(from: \"oldName\")'"),
            .error("2️⃣", "'@renamed' takes the previous name as a string"),
            .error("3️⃣", "'@renamed(from: \"z\")' names the current name; remove it"),
            .error("4️⃣", "the previous name cannot be empty"),
            .error("5️⃣", "unknown model attribute '@@renamd'; did you mean 'renamed'?"),
        ])
    }

    @Test func renamesReachTheCatalog() throws {
        let result = compileClean("model Member: UUIDBase {\n @@renamed(from: \"User\")\n mail: String @renamed(from: \"email\")\n}")
        let model = try #require(result.catalog?.models.first)
        #expect(model.renamedFrom?.from == "User")
        #expect(model.column(named: "mail")?.renamedFrom?.from == "email")
    }

    @Test func aRenameAlreadyMigratedIsIgnored() throws {
        let schema = "model Member: UUIDBase {\n @@renamed(from: \"User\")\n mail: String @renamed(from: \"email\")\n}"
        let catalog = try #require(compileClean(schema).catalog)
        let result = Compiler.migrate(from: SchemaSnapshot(catalog: catalog), catalog: catalog, allowDestructive: false)
        #expect(result.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func everySchemaOfTheRepositoryDiffsToNothingAgainstItselfAndRoundTripsAsJSON() throws {
        let folders = Dictionary(grouping: RepositoryFiles.schemaFiles(in: RepositoryFiles.schemas)) { $0.deletingLastPathComponent().path }
        for (folder, urls) in folders.sorted(by: { $0.key < $1.key }) {
            let sources = try urls.map { SourceFile(path: $0.lastPathComponent, text: try RepositoryFiles.text($0)) }
            let catalog = try #require(Compiler.compile(sources: sources).catalog, "\(folder)")
            let snapshot = SchemaSnapshot(catalog: catalog)
            let text = SnapshotJSON.text(of: snapshot)
            #expect(try SnapshotJSON.snapshot(from: text, path: "x") == snapshot)
            #expect(SnapshotJSON.text(of: try SnapshotJSON.snapshot(from: text, path: "x")) == text)
            #expect(SchemaDiffer(from: snapshot, to: snapshot).diff().isEmpty)
            let first = Compiler.migrate(from: .empty, catalog: catalog, allowDestructive: false)
            let again = Compiler.migrate(from: .empty, catalog: catalog, allowDestructive: false)
            #expect(first.scripts == again.scripts, "the same diff twice gives the same scripts")
            #expect(first.scripts[.postgresql]?.statements.count == Compiler.compile(sources: sources).scripts[.postgresql]?.statements.count)
        }
    }

    @Test func aSnapshotOfAnotherFormatIsRefused() {
        #expect(throws: InputError.self) { try SnapshotJSON.snapshot(from: #"{"formatVersion": 2, "enums": {}, "tables": {}}"#, path: "s.json") }
        #expect(throws: InputError.self) { try SnapshotJSON.snapshot(from: "not json", path: "s.json") }
    }

    @Test func destructiveChangesNeedConsent() throws {
        let before = try #require(compileClean("model A: UUIDBase {\n x: String\n y: Int64\n}").catalog)
        let after = try #require(compileClean("model A: UUIDBase {\n y: Int32\n}").catalog)
        let refused = Compiler.migrate(from: SchemaSnapshot(catalog: before), catalog: after, allowDestructive: false)
        #expect(refused.hasErrors)
        #expect(refused.scripts.isEmpty)
        #expect(refused.diagnostics.map(\.message) == [
            "refused: the migration changes the type of 'a.y' from Int64 to Int32, which can fail on existing values or lose them; pass --allow-destructive to write it anyway",
            "refused: the migration drops the column 'a.x' and its values (if the field was renamed, declare it: '@renamed(from: \"x\")'); pass --allow-destructive to write it anyway",
        ])
        let allowed = Compiler.migrate(from: SchemaSnapshot(catalog: before), catalog: after, allowDestructive: true)
        #expect(!allowed.hasErrors)
        #expect(allowed.scripts[.cockroachdb]?.statements.map(\.sql) == [
            "ALTER TABLE a ALTER COLUMN y TYPE INT4 USING y::INT4;",
            "ALTER TABLE a DROP COLUMN x;",
        ])
    }

    @Test func swappedNamesAreRefused() {
        // Each name a rename is from is a field still: the checker refuses it (see StaleRenameTests).
        let swap = "model A: UUIDBase {\n x: String @renamed(from: \"y\")\n y: String @renamed(from: \"x\")\n}"
        let messages = Compiler.compile(sources: [SourceFile(path: "a.schema", text: swap)]).diagnostics.map(\.message)
        #expect(messages.count == 2 && messages.allSatisfy { $0.contains("is a field of 'A' still") }, "\(messages)")
    }

    // MARK: The SQL file format

    @Test func scriptsSplitOutsideQuotesCommentsAndDollarQuotes() {
        let text = """
        -- a header; with a semicolon
        CREATE TABLE a (s TEXT DEFAULT 'x;y', "we;ird" INT);
        /* a /* nested; */ comment */ INSERT INTO a VALUES (E'it\\'s;', 1);

        -- athanor:no-transaction
        CREATE INDEX CONCURRENTLY a_s_idx ON a (s);
        CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
        DO $$ BEGIN PERFORM 1; END $$;
        -- trailing comment
        """
        let script = MigrationScript(parsing: text)
        #expect(script.statements.map(\.sql) == [
            "CREATE TABLE a (s TEXT DEFAULT 'x;y', \"we;ird\" INT);",
            "/* a /* nested; */ comment */ INSERT INTO a VALUES (E'it\\'s;', 1);",
            "CREATE INDEX CONCURRENTLY a_s_idx ON a (s);",
            "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;",
            "DO $$ BEGIN PERFORM 1; END $$;",
        ])
        #expect(script.statements.map(\.isTransactional) == [true, true, false, true, true])
    }

    @Test func aRenderedScriptReadsBackAsTheSameStatements() throws {
        let catalog = try #require(compileClean("enum E { a\n b }\nmodel A: UUIDBase {\n s: String = \"x;\\n\\n-- y\"\n e: E = a\n}").catalog)
        for dialect in SQLDialect.allCases {
            let script = try #require(Compiler.migrate(from: .empty, catalog: catalog, allowDestructive: false).scripts[dialect])
            #expect(MigrationScript(parsing: script.text).statements == script.statements)
        }
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex(of: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(of: String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
