import AthanorCompiler
import Testing

/// Names the generated Swift cannot use are schema errors, and keywords are spelled so swiftc
/// neither fails nor warns.
@Suite struct SwiftNameTests {
    @Test func modelsAndEnumsCannotShadowTheTypesTheGeneratedCodeUses() {
        expectDiagnostics("""
        model 1️⃣Column: UUIDBase {
        }
        model 2️⃣Filter: UUIDBase {
        }
        enum 3️⃣Date { a }
        model 4️⃣Self: UUIDBase {
        }
        model Transaction: UUIDBase {
        }
        model User: UUIDBase {
        }
        """, [
            .error("1️⃣", "'Column' is a type name the generated Swift uses and cannot name a model; rename it"),
            .error("2️⃣", "'Filter' is a type name the generated Swift uses and cannot name a model"),
            .error("3️⃣", "'Date' is a type name the generated Swift uses and cannot name an enum"),
            .error("4️⃣", "'Self' is a type name the generated Swift uses"),
        ])
    }

    @Test func modelsAndEnumsCannotBeSwiftKeywords() {
        expectDiagnostics("model 1️⃣default: UUIDBase {\n}\nenum 2️⃣protocol { a }\nmodel lower: UUIDBase {\n}\nenum 3️⃣some { a }\nmodel actor: UUIDBase {\n some: Int32?\n}", [
            .error("1️⃣", "'default' is a Swift keyword and cannot name a model: the generated Swift type would not compile; rename it (and keep its table with 'table \"default\"')"),
            .error("2️⃣", "'protocol' is a Swift keyword and cannot name an enum: the generated Swift type would not compile; rename it"),
            .error("3️⃣", "'some' is a Swift keyword and cannot name an enum"),
        ])
    }

    @Test func declarationsCannotTakeTheNameOfAGeneratedRepository() {
        expectDiagnostics("""
        model User: UUIDBase {
        }
        model 1️⃣UserRepository: UUIDBase {
        }
        enum 2️⃣UserBlockingRepository { a }
        """, [
            .error("1️⃣", "'UserRepository' is the name of the generated repository of model 'User'; rename one of them"),
            .error("2️⃣", "'UserBlockingRepository' is the name of the generated repository of model 'User'"),
        ])
    }

    @Test func enumCasesMayBeKeywordsButNotUnderscore() {
        expectDiagnostics("enum Kind {\n self\n Self\n Type\n init\n rawValue\n default\n 1️⃣_\n 2️⃣allCases\n}", [
            .error("1️⃣", "'_' cannot name a case of the generated Swift enum; rename it"),
            .error("2️⃣", "'allCases' cannot name a case of the generated Swift enum; rename it"),
        ])
    }

    @Test func fieldsCannotBeNamedLikeWhatAStructCannotHold() {
        expectDiagnostics("""
        model A: UUIDBase {
         1️⃣self: Int32
         2️⃣Self: Int32
         3️⃣Type: Int32
         4️⃣Protocol: Int32
         5️⃣deinit: Int32
         6️⃣_: Int32
         7️⃣hashValue: Int32
         hash: Int32
         description: Int32
         init: Int32
         class: Int32
         columns: Int32
        }
        """, [
            .error("1️⃣", "'self' cannot name a field"),
            .error("2️⃣", "'Self' cannot name a field"),
            .error("3️⃣", "'Type' cannot name a field"),
            .error("4️⃣", "'Protocol' cannot name a field"),
            .error("5️⃣", "'deinit' cannot name a field"),
            .error("6️⃣", "'_' cannot name a field"),
            .error("7️⃣", "'hashValue' cannot name a field"),
        ])
    }

    @Test func fieldsCannotShadowTheTypesOfTheGeneratedStruct() {
        expectDiagnostics("""
        enum Status { Status }
        model Note: UUIDBase {
         1️⃣Note: String?
         2️⃣Status: Status = Status
         3️⃣UUID: UUID?
         4️⃣Column: String?
         User: String?
         status: Status = Status
        }
        """, [
            .error("1️⃣", "field 'Note' has the name of a type the generated Swift uses; rename it (fields are camelCase: 'note')"),
            .error("2️⃣", "field 'Status' has the name of a type"),
            .error("3️⃣", "field 'UUID' has the name of a type"),
            .error("4️⃣", "field 'Column' has the name of a type"),
        ])
    }

    @Test func onlyInoutIsEscapedAsAnArgumentLabel() throws {
        let outputs = try SwiftGoldenTests.outputs(for: """
        model A: UUIDBase {
         let: Int32?
         var: Int32?
         inout: Int32?
        }
        """, name: "A")
        let swift = try #require(outputs["A.swift"])
        #expect(swift.contains("`inout`: try row.decode("))
        #expect(swift.contains("\n                let: try row.decode("))
        #expect(swift.contains("\n                var: try row.decode("))
        #expect(!swift.contains("`let`: try row.decode("))
        #expect(!swift.contains("`var`: try row.decode("))
    }

    @Test func findOnANullableUniqueColumnTakesAValue() throws {
        let outputs = try SwiftGoldenTests.outputs(for: "model A: UUIDBase {\n code: String? @unique\n}", name: "A")
        let swift = try #require(outputs["A.swift"])
        #expect(swift.contains("public func find(code: String) async throws -> A?"))
        #expect(swift.contains("public func find(code: String) throws -> A?"))
    }
}
