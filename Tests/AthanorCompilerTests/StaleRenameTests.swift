import AthanorCompiler
import Testing

/// A rename from a name the schema still declares: found by scripts/fuzz's FuzzMigrationDiff
/// (the migration from such a schema to itself renamed the other model's table into this one's).
@Suite struct StaleRenameTests {
    @Test func aRenameFromANameTheSchemaStillDeclaresIsAnError() {
        expectDiagnostics("""
        model X: UUIDBase {
         @@renamed(from: 1️⃣"Y")
         a: String @renamed(from: 2️⃣"b")
         b: Int32
         c: String @renamed(from: 3️⃣"id")
        }
        model Y: UUIDBase {
         d: String
        }
        """, [
            .error("1️⃣", "'@@renamed(from: \"Y\")': 'Y' is a model of the schema still (once a rename's migration is written, remove its '@@renamed'; to swap two names, go through a third in two migrations)"),
            .error("2️⃣", "'@renamed(from: \"b\")': 'b' is a field of 'X' still (once a rename's migration is written, remove its '@renamed'; to swap two names, go through a third in two migrations)"),
            .error("3️⃣", "'@renamed(from: \"id\")': 'id' is a field of 'X' still (once a rename's migration is written, remove its '@renamed'; to swap two names, go through a third in two migrations)"),
        ])
    }

    @Test func aSchemaMigratedToItselfIsEmptyWithItsRenames() throws {
        let source = SourceFile(path: "a.schema", text: """
        model X: UUIDBase {
         @@renamed(from: "Y")
         a: String @renamed(from: "b")
        }
        """)
        let catalog = try #require(Compiler.compile(sources: [source]).catalog)
        #expect(Compiler.migrate(from: SchemaSnapshot(catalog: catalog), catalog: catalog, allowDestructive: false).isEmpty)
    }
}
