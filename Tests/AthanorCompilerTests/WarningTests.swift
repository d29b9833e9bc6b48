import AthanorCompiler
import Testing

/// The dialect-aware warnings, each at its marker.
@Suite struct WarningTests {
    @Test func sequentialKeysWarnOnlyOnCockroachDB() {
        let text = "model A: 1️⃣BigIntBase {\n}\nmodel B: 2️⃣BigIntAuditBase {\n}"
        expectDiagnostics(text, [
            .warning("1️⃣", "BigIntBase gives 'a' a sequential primary key, a write hotspot on a CockroachDB cluster; use UUIDBase"),
            .warning("2️⃣", "use UUIDAuditBase"),
        ], dialects: [.cockroachdb])
        expectDiagnostics(text, [], dialects: [.postgresql])
    }

    @Test func foreignKeyWithoutALeadingIndexWarnsOnBothDialects() {
        let text = """
        model User: UUIDBase {
        }
        model A: UUIDBase {
         owner: UUID 1️⃣@references(User)
         editor: UUID @references(User)
         reviewer: UUID @references(User)
         approver: UUID @unique @references(User)
         other: UUID 2️⃣@references(User)
         @@index(editor, owner)
         @@unique(reviewer, other)
        }
        """
        for dialect in SQLDialect.allCases {
            expectDiagnostics(text, [
                .warning("1️⃣", "no index starts with the foreign key 'owner': deleting from 'user' and joining will scan 'a'; add '@@index(owner)'"),
                .warning("2️⃣", "no index starts with the foreign key 'other'"),
            ], dialects: [dialect])
        }
    }

    @Test func indexLedByAnEverGrowingColumnWarnsOnCockroachDB() {
        let text = """
        model A: 5️⃣BigIntAuditBase {
         at: Timestamp = now
         when: Timestamp
         4️⃣@@index(id)
         1️⃣@@index(createdAt)
         2️⃣@@index(updatedAt)
         3️⃣@@index(at, when)
         @@index(when)
         @@index(createdAt, when, hashSharded: true)
        }
        """
        expectDiagnostics(text, [
            .warning("5️⃣", "sequential primary key"),
            .warning("4️⃣", "the index 'a_id_idx' starts with 'id', which only grows"),
            .warning("1️⃣", "write '@@index(createdAt, hashSharded: true)'"),
            .warning("2️⃣", "starts with 'updatedAt'"),
            .warning("3️⃣", "write '@@index(at, when, hashSharded: true)'"),
        ], dialects: [.cockroachdb])
        expectDiagnostics(text, [], dialects: [.postgresql])
    }

    /// `hashSharded: false` is a decision (a small table, or ranges split by hand): no advisory,
    /// and a plain index in both dialects.
    @Test func explicitHashShardedFalseSilencesTheAdvisory() {
        let result = compileClean("model A: UUIDAuditBase {\n @@index(createdAt, hashSharded: false)\n}", dialects: [.cockroachdb, .postgresql])
        #expect(result.diagnostics.isEmpty)
        #expect(result.ddl[.cockroachdb]?.contains("CREATE INDEX a_created_at_idx ON a (created_at);") == true)
        expectDiagnostics("model A: UUIDAuditBase {\n 1️⃣@@index(createdAt)\n}", [.warning("1️⃣", "only grows")], dialects: [.cockroachdb])
    }

    @Test func hashShardedIndexIsPlainOnPostgreSQL() {
        let result = compileClean("model A: UUIDAuditBase {\n @@index(createdAt, hashSharded: true)\n}")
        #expect(result.diagnostics.isEmpty)
        #expect(result.ddl[.postgresql]?.contains("CREATE INDEX a_created_at_idx ON a (created_at);") == true)
        #expect(result.ddl[.cockroachdb]?.contains("CREATE INDEX a_created_at_idx ON a (created_at) USING HASH;") == true)
    }

    @Test func theReferenceSchemaWarnsAboutAuditEventsOnCockroachDBOnly() throws {
        let text = try RepositoryFiles.text(RepositoryFiles.schemas.appending(path: "Shop.schema"))
        let postgres = Compiler.compile(sources: [SourceFile(path: "Shop.schema", text: text)], options: CompilerOptions(dialects: [.postgresql]))
        #expect(postgres.diagnostics.isEmpty)
        let cockroach = Compiler.compile(sources: [SourceFile(path: "Shop.schema", text: text)], options: CompilerOptions(dialects: [.cockroachdb]))
        #expect(cockroach.diagnostics.map(\.severity) == [.warning, .warning])
    }
}
