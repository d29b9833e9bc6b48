@testable import AthanorCompiler
import Testing

@Suite struct ParserTests {
    private func parse(_ text: String) -> (SchemaFileSyntax, [Diagnostic]) {
        Parser.parse(text, file: 0)
    }

    @Test func parsesTheReferenceShapes() {
        let (syntax, diagnostics) = parse("""
        /// Doc.
        enum E { a, b
            c
        }
        model M: UUIDBase {
            table "m"
            /// Field doc.
            x: [E]? = [] @unique
            y: Int64 @references(M, onDelete: cascade) = -3
            @@index(x, y, hashSharded: true)
        }
        """)
        #expect(diagnostics.isEmpty)
        #expect(syntax.enums.first?.cases.map(\.name.name) == ["a", "b", "c"])
        #expect(syntax.enums.first?.documentation == "Doc.")
        let model = syntax.models.first
        #expect(model?.table?.name == "m")
        #expect(model?.fields.map(\.name.name) == ["x", "y"])
        #expect(model?.fields.first?.type.arrayDepth == 1)
        #expect(model?.fields.first?.type.isOptional == true)
        #expect(model?.fields.first?.documentation == "Field doc.")
        #expect(model?.fields.last?.defaultValue?.kind == .integer("-3"))
        #expect(model?.fields.last?.attributes.first?.arguments.count == 2)
        #expect(model?.attributes.first?.arguments.last?.label?.name == "hashSharded")
        #expect(syntax.order == [.enumeration(0), .model(0)])
    }

    @Test func contextualKeywordsAreFieldNames() {
        let (syntax, diagnostics) = parse("model M: UUIDBase {\n table: String\n model: Int32\n enum: Bool\n}")
        #expect(diagnostics.isEmpty)
        #expect(syntax.models.first?.fields.map(\.name.name) == ["table", "model", "enum"])
    }

    @Test func missingClosingBraceRecoversAtTheNextModel() {
        let (syntax, diagnostics) = parse("model A: UUIDBase {\n x: String\n\nmodel B: UUIDBase {\n y: String\n}")
        #expect(diagnostics.map(\.message) == ["expected '}' to close model 'A'"])
        #expect(diagnostics.first?.notes.count == 1)
        #expect(syntax.models.map(\.name.name) == ["A", "B"])
    }

    @Test func missingOpeningBraceStillReadsTheFields() {
        let (syntax, diagnostics) = parse("model A: UUIDBase\n x: String\n}")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.hasPrefix("expected '{' after the model 'A' header") == true)
        #expect(syntax.models.first?.fields.count == 1)
    }

    @Test func everyBrokenLineIsReported() {
        let (syntax, diagnostics) = parse("""
        model A: UUIDBase {
            x String
            y: = 3
            z: Int32 = 
            w: Int32 @
            v: Int32 @references(A,
            ok: String
            12
        }
        """)
        #expect(diagnostics.count == 6, "\(diagnostics.map(\.message))")
        #expect(syntax.models.first?.fields.map(\.name.name).contains("ok") == true)
    }

    @Test func garbageAtTopLevelIsReportedOnce() {
        let (syntax, diagnostics) = parse("hello world }\n{ }\nmodel A: UUIDBase {\n}")
        #expect(diagnostics.count == 1)
        #expect(syntax.models.count == 1)
    }

    @Test func deeplyNestedArraysDoNotRecurse() {
        let text = "model A: UUIDBase {\n x: " + String(repeating: "[", count: 100_000) + "Int64" + String(repeating: "]", count: 100_000) + "\n}"
        let (syntax, diagnostics) = parse(text)
        #expect(diagnostics.isEmpty)
        #expect(syntax.models.first?.fields.first?.type.arrayDepth == 100_000)
    }

    @Test func arrayElementsCannotBeOptional() {
        let (_, diagnostics) = parse("model A: UUIDBase {\n x: [String?]\n}")
        #expect(diagnostics.map(\.message) == ["array elements cannot be optional; make the whole array optional with '[T]?'"])
    }

    @Test func nonEmptyArrayDefaultIsRejected() {
        let (_, diagnostics) = parse("model A: UUIDBase {\n x: [Int64] = [1, 2]\n}")
        #expect(diagnostics.map(\.message) == ["only the empty array '[]' can be a default value"])
    }

    @Test func unquotedTableName() {
        let (_, diagnostics) = parse("model A: UUIDBase {\n table users\n}")
        #expect(diagnostics.map(\.message) == ["the table name is a string literal: write 'table \"users\"'"])
    }

    @Test func duplicateTableLine() {
        let (_, diagnostics) = parse("model A: UUIDBase {\n table \"a\"\n table \"b\"\n}")
        #expect(diagnostics.first?.message == "model 'A' already has a table name")
    }

    @Test func emptyFileIsFine() {
        let (syntax, diagnostics) = parse("")
        #expect(diagnostics.isEmpty && syntax.models.isEmpty)
    }
}
