import AthanorCompiler
import Testing

/// Every checker error, each asserted at the place a marker (`1️⃣`) shows.
@Suite struct CheckerTests {
    @Test func unknownTypeSuggestsTheClosestName() {
        expectDiagnostics("model A: UUIDBase {\n x: 1️⃣Strng\n y: 2️⃣Int\n z: 3️⃣Gizmo\n}", [
            .error("1️⃣", "unknown type 'Strng'; did you mean 'String'?"),
            .error("2️⃣", "unknown type 'Int'; did you mean 'Int64'?"),
            .error("3️⃣", "unknown type 'Gizmo'"),
        ])
    }

    @Test func unknownTypeSuggestsEnums() {
        expectDiagnostics("enum Colour { red }\nmodel A: UUIDBase {\n x: 1️⃣Color\n}", [
            .error("1️⃣", "did you mean 'Colour'?"),
        ])
    }

    @Test func unknownAndMissingBase() {
        expectDiagnostics("model A: 1️⃣UUIDBsae {\n}\nmodel B2️⃣ {\n}", [
            .error("1️⃣", "unknown base 'UUIDBsae'; did you mean 'UUIDBase'?"),
            .error("2️⃣", "model 'B' needs a base"),
        ])
    }

    @Test func duplicateModelEnumFieldAndCase() {
        expectDiagnostics("""
        enum E { a
         1️⃣a }
        model A: UUIDBase {
         x: String
         2️⃣x: Int32
        }
        model 3️⃣A: UUIDBase {
        }
        enum 4️⃣E { b }
        """, [
            .error("1️⃣", "duplicate case 'a' in enum 'E'"),
            .error("2️⃣", "duplicate field 'x'"),
            .error("3️⃣", "duplicate declaration of 'A'"),
            .error("4️⃣", "duplicate declaration of 'E'"),
        ])
    }

    @Test func duplicatesAcrossFilesPointAtTheFirst() {
        let sources = [
            SourceFile(path: "a.schema", text: "model User: UUIDBase {\n}\n"),
            SourceFile(path: "b.schema", text: "model User: UUIDBase {\n}\n"),
        ]
        let result = Compiler.compile(sources: sources)
        #expect(DiagnosticFormatter(sources: sources).format(result.diagnostics) == """
        b.schema:1:7: error: duplicate declaration of 'User'
        a.schema:1:7: note: 'User' is first declared here

        """)
    }

    @Test func fieldsCollidingWithBaseColumnsOrEachOther() {
        expectDiagnostics("model A: UUIDAuditBase {\n 1️⃣id: UUID\n 2️⃣updatedAt: Timestamp\n userID: UUID\n 3️⃣userId: UUID\n}", [
            .error("1️⃣", "field 'id' collides with the column 'id' that UUIDAuditBase adds"),
            .error("2️⃣", "field 'updatedAt' collides with the column 'updatedAt'"),
            .error("3️⃣", "fields 'userID' and 'userId' both become the SQL column 'user_id'"),
        ])
    }

    @Test func createdAtIsAnOrdinaryFieldWithoutAnAuditBase() {
        _ = compileClean("model A: UUIDBase {\n createdAt: Timestamp = now\n}")
    }

    @Test func uniqueAndIndexOnUnknownFields() {
        expectDiagnostics("""
        model A: UUIDAuditBase {
         email: String
         @@unique(1️⃣emial)
         @@index(createdAt, 2️⃣nope)
         @@index(3️⃣"x")
         4️⃣@@index()
         @@unique(email, 5️⃣email)
        }
        """, [
            .error("1️⃣", "'@@unique' names unknown field 'emial'; did you mean 'email'?"),
            .error("2️⃣", "'@@index' names unknown field 'nope'"),
            .error("3️⃣", "expected a field name in '@@index'"),
            .error("4️⃣", "'@@index' needs at least one field"),
            .error("5️⃣", "'email' is listed twice in '@@unique'"),
        ])
    }

    @Test func unknownAttributesAndArguments() {
        expectDiagnostics("""
        model A: UUIDBase {
         x: String @1️⃣uniqe
         y: String 2️⃣@index
         z: String @unique(3️⃣x)
         @@4️⃣uniqe(x)
         @@index(x, 5️⃣sharded: true)
         @@index(y, hashSharded: 6️⃣yes)
        }
        """, [
            .error("1️⃣", "unknown field attribute '@uniqe'; did you mean 'unique'?"),
            .error("2️⃣", "indexes are declared on the model: write '@@index(y)'"),
            .error("3️⃣", "'@unique' takes no arguments"),
            .error("4️⃣", "unknown model attribute '@@uniqe'; did you mean 'unique'?"),
            .error("5️⃣", "unknown argument 'sharded' of '@@index'"),
            .error("6️⃣", "'hashSharded:' takes true or false"),
        ])
    }

    @Test func referencesToUnknownModelsAndMismatchedTypes() {
        expectDiagnostics("""
        enum E { a }
        model User: UUIDBase {
        }
        model Counter: BigIntBase {
        }
        model A: UUIDBase {
         a: UUID @references(1️⃣Usr)
         b: UUID @references(2️⃣E)
         c: String @references(3️⃣User)
         d: UUID @references(4️⃣Counter)
         e: UUID @references(User, onDelete: 5️⃣delete)
         f: UUID @references(User, 6️⃣on: cascade)
         g: UUID 7️⃣@references
         @@index(a)
        }
        """, [
            .error("1️⃣", "reference to unknown model 'Usr'; did you mean 'User'?"),
            .error("2️⃣", "'E' is an enum; '@references' needs a model"),
            .error("3️⃣", "'c' references User, whose id is UUID, so its type must be UUID or UUID?, not String"),
            .error("4️⃣", "whose id is Int64"),
            .error("5️⃣", "unknown onDelete action 'delete'"),
            .error("6️⃣", "unknown argument 'on' of '@references'"),
            .error("7️⃣", "'@references' needs the referenced model"),
        ])
    }

    @Test func setNullNeedsAnOptionalField() {
        expectDiagnostics("model A: UUIDBase {\n parent: UUID @references(1️⃣A, onDelete: setNull)\n @@index(parent)\n}", [
            .error("1️⃣", "'onDelete: setNull' needs an optional field; declare 'parent: UUID?'"),
        ])
        _ = compileClean("model A: UUIDBase {\n parent: UUID? @references(A, onDelete: setNull)\n @@index(parent)\n}")
    }

    @Test func defaultsOfTheWrongType() {
        expectDiagnostics("""
        enum Status { draft
         live }
        model A: UUIDBase {
         a: Int64 = 1️⃣"zero"
         b: String = 2️⃣12
         c: Bool = 3️⃣1
         d: Timestamp = 4️⃣"2020-01-01"
         e: Int16 = 5️⃣40000
         f: Int32 = 6️⃣1.5
         g: UUID = 7️⃣"not-a-uuid"
         h: Bytes = 8️⃣"x"
         i: [String] = 9️⃣"x"
         j: String = 0️⃣[]
        }
        """, [
            .error("1️⃣", "cannot use a string literal as the default of 'a', which is Int64"),
            .error("2️⃣", "cannot use the number 12 as the default of 'b', which is String"),
            .error("3️⃣", "which is Bool (write true or false)"),
            .error("4️⃣", "the only Timestamp default is 'now'"),
            .error("5️⃣", "40000 does not fit in Int16"),
            .error("6️⃣", "cannot use the number 1.5 as the default of 'f'"),
            .error("7️⃣", "'not-a-uuid' is not a UUID"),
            .error("8️⃣", "a Bytes field cannot have a default"),
            .error("9️⃣", "the default of the array field 'i' must be '[]'"),
            .error("0️⃣", "'[]' is a default for array fields only"),
        ])
    }

    @Test func floatingDefaultsMustBeFiniteInTheirType() {
        expectDiagnostics("""
        model M: UUIDBase {
         a: Double = 1️⃣1e400
         b: Float = 2️⃣1e39
         c: Float = 3.4e38
         d: Double = -1.5
         e: Float = 7
        }
        """, [
            .error("1️⃣", "1e400 does not fit in Double"),
            .error("2️⃣", "1e39 does not fit in Float"),
        ])
    }

    @Test func jsonDefaultsMustBeValidJSON() {
        expectDiagnostics(#"""
        model A: UUIDBase {
         a: JSON = 1️⃣"{oops}"
         b: JSON = "{\"k\": [1, -2.5e3, true, null, \"\\u00e9\"]}"
         c: JSON = "[]"
        }
        """#, [
            .error("1️⃣", "the default of 'a' is not valid JSON"),
        ])
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\"}", "01", "1.", "\"\u{1}\"", "tru", String(repeating: "[", count: 200) + String(repeating: "]", count: 200)])
    func invalidJSON(_ text: String) {
        let result = Compiler.compile(sources: [SourceFile(path: "j.schema", text: "model A: UUIDBase {\n a: JSON = \"\(text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\""))\"\n}")])
        #expect(result.hasErrors)
    }

    @Test func enumDefaultThatIsNotACase() {
        expectDiagnostics("enum Status { draft\n live }\nmodel A: UUIDBase {\n s: Status = 1️⃣drfat\n t: Status = 2️⃣\"draft\"\n}", [
            .error("1️⃣", "'drfat' is not a case of Status; did you mean 'draft'?"),
            .error("2️⃣", "the default of 't' must be a case of Status, such as 'draft'"),
        ])
    }

    @Test func duplicateTableNames() {
        expectDiagnostics("model A: UUIDBase {\n table \"things\"\n}\nmodel B: UUIDBase {\n table 1️⃣\"things\"\n}\nmodel 2️⃣Things: UUIDBase {\n}", [
            .error("1️⃣", "models 'A' and 'B' both use the table 'things'"),
            .error("2️⃣", "models 'A' and 'Things' both use the table 'things'"),
        ])
    }

    @Test func modelUsedAsAType() {
        expectDiagnostics("model A: UUIDBase {\n}\nmodel B: UUIDBase {\n a: 1️⃣A\n}", [
            .error("1️⃣", "'A' is a model, not a column type; store its id and declare the link: 'UUID @references(A)'"),
        ])
    }

    @Test func builtInNamesCannotBeDeclared() {
        expectDiagnostics("model 1️⃣String: UUIDBase {\n}\nenum 2️⃣UUIDBase { a }", [
            .error("1️⃣", "'String' is a built-in name and cannot name a model"),
            .error("2️⃣", "'UUIDBase' is a built-in name and cannot name an enum"),
        ])
    }

    @Test func nestedArraysAndEmptyEnums() {
        expectDiagnostics("enum 1️⃣E {\n}\nmodel A: UUIDBase {\n x: 2️⃣[[Int64]]\n}", [
            .error("1️⃣", "enum 'E' has no cases"),
            .error("2️⃣", "nested arrays are not supported"),
        ])
    }

    @Test func identifiersLongerThan63BytesAreRejectedForTablesAndColumns() {
        let long = String(repeating: "a", count: 64)
        expectDiagnostics("model A: UUIDBase {\n table 1️⃣\"\(long)\"\n 2️⃣\(long): String\n}", [
            .error("1️⃣", "table name '\(long)' is 64 bytes long"),
            .error("2️⃣", "column name '\(long)' is 64 bytes long"),
        ])
    }

    @Test func enumTypeMayNotShareATableName() {
        expectDiagnostics("enum 1️⃣Thing { a }\nmodel Thing2: UUIDBase {\n table \"thing\"\n}", [
            .error("1️⃣", "the SQL type 'thing' of enum 'Thing' has the name of the table of model 'Thing2'"),
        ])
    }

    @Test func indexNameMayNotShareATableName() {
        expectDiagnostics("model 1️⃣A: UUIDBase {\n x: String\n @@index(x)\n}\nmodel B: UUIDBase {\n table \"a_x_idx\"\n}", [
            .error("1️⃣", "the SQL name 'a_x_idx' of the index (x) of model 'A' is already used by the table of model 'B'"),
        ])
    }

    @Test func syntaxErrorsOfEveryFileAreReportedInOneRun() {
        let sources = [
            SourceFile(path: "a.schema", text: "model A: UUIDBase {\n x: \"open\n"),
            SourceFile(path: "b.schema", text: "model B: UUIDBase {\n y: Int64 §\n}\nmodel C: UUIDBase {\n z: Strin\n}"),
        ]
        let result = Compiler.compile(sources: sources)
        #expect(DiagnosticFormatter(sources: sources).format(result.diagnostics) == """
        a.schema:2:5: error: unterminated string literal; add '"' before the end of the line
        a.schema:2:5: error: expected a type, found string literal
        a.schema:2:10: error: expected '}' to close model 'A'
        a.schema:1:1: note: model 'A' starts here
        b.schema:2:11: error: unexpected character '§'
        b.schema:5:5: error: unknown type 'Strin'; did you mean 'String'?

        """)
        #expect(result.catalog == nil)
        #expect(result.ddl.isEmpty)
    }

    @Test func swiftKeywordsAreLegalNames() {
        let result = compileClean("enum Kind { default\n case\n }\nmodel Self2: UUIDBase {\n class: String\n func: Kind = default\n init: Int32?\n}")
        #expect(result.catalog?.models.first?.columns.map(\.name) == ["id", "class", "func", "init"])
    }

    @Test func modelsReferenceModelsInOtherFiles() {
        let sources = [
            SourceFile(path: "orders.schema", text: "model Order: UUIDBase {\n userID: UUID @references(User)\n status: Status = open\n @@index(userID)\n}"),
            SourceFile(path: "users.schema", text: "enum Status { open }\nmodel User: UUIDBase {\n}"),
        ]
        let result = Compiler.compile(sources: sources)
        #expect(result.diagnostics.isEmpty)
        #expect(result.catalog?.model(named: "Order")?.foreignKeys.first?.referencedTable == "user")
        #expect(result.ddl[.postgresql]?.contains("-- Generated by athanor from orders.schema, users.schema. Do not edit.") == true)
    }

    /// Files that share a base name are told apart by the shortest trailing part of their paths,
    /// whatever the absolute paths (known issue #4: the second file used not to be named).
    @Test func theDDLHeaderNamesFilesThatShareABaseName() {
        let sources = [
            SourceFile(path: "/home/ci/app/Models/Things.schema", text: "model Thing: UUIDBase {\n}"),
            SourceFile(path: "/home/ci/app/Models/sub/Things.schema", text: "model Other: UUIDBase {\n}"),
            SourceFile(path: "/home/ci/app/Models/sub/deeper/Users.schema", text: "model User: UUIDBase {\n}"),
        ]
        let result = Compiler.compile(sources: sources)
        #expect(result.diagnostics.isEmpty)
        #expect(result.ddl[.postgresql]?.contains("-- Generated by athanor from Models/Things.schema, sub/Things.schema, Users.schema. Do not edit.") == true)
        let moved = sources.map { SourceFile(path: $0.path.replacingOccurrences(of: "/home/ci", with: "/Users/me/src"), text: $0.text) }
        #expect(Compiler.compile(sources: moved).ddl == result.ddl)
    }

    @Test func versionNeedsOneNonOptionalInt64() {
        expectDiagnostics("""
        model A: UUIDBase {
         a: Int32 1️⃣@version
         b: Int64? 2️⃣@version
         c: Int64 = 0 @version
         d: Int64 = 0 3️⃣@version
         e: Int64 @version(4️⃣x)
        }
        """, [
            .error("1️⃣", "'@version' needs a non-optional Int64 field, not 'Int32'"),
            .error("2️⃣", "'@version' needs a non-optional Int64 field, not 'Int64?'"),
            .error("3️⃣", "a model has at most one '@version' field; 'c' is one already"),
            .error("4️⃣", "'@version' takes no arguments"),
        ])
    }

    @Test func relationMembersMustNotCollide() {
        expectDiagnostics("""
        model User: UUIDBase {
         orders: Int32
        }
        model Customer: UUIDBase {
         orders: Int32
        }
        model Invoice: UUIDBase {
         customerID: UUID 6️⃣@references(Customer, inverse: orders)
        }
        model Pet: UUIDBase {
         owner: UUID 1️⃣@references(User, name: owner)
        }
        model Order: UUIDBase {
         customerID: UUID 2️⃣@references(User)
         customer: String
        }
        model Gift: UUIDBase {
         fromID: UUID @references(User, inverse: gifts)
         toID: UUID 3️⃣@references(User, inverse: gifts)
        }
        model Sale: UUIDBase {
         byID: UUID @references(User, name: 4️⃣Buyer)
        }
        model Shelf: UUIDBase {
         boxID: UUID @references(Box)
        }
        model Box: UUIDBase {
         shelfID: UUID 5️⃣@references(Shelf, inverse: boxes)
        }
        """, [
            .error("6️⃣", "the member for the 'Invoice' rows that reference it through 'customerID' would be 'orders' on 'Customer', which is the field 'orders' already"),
            .error("1️⃣", "the member for the row 'owner' references would be 'owner' on 'Pet', which is the field 'owner' already"),
            .error("2️⃣", "the member for the row 'customerID' references would be 'customer' on 'Order', which is the field 'customer' already"),
            .error("3️⃣", "would be 'gifts' on 'User', which is the member for the 'Gift' rows that reference it through 'fromID' already"),
            .error("4️⃣", "'name:' names a generated member: write a lowerCamelCase name, not 'Buyer'"),
            .error("5️⃣", "would load with 'boxes(for:)' on 'ShelfRepository', as the member for the row 'boxID' references does already"),
        ])
    }
}
