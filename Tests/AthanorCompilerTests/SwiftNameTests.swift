import AthanorCompiler
import Testing

/// Names the generated Swift cannot use are schema errors, and keywords are spelled so swiftc
/// neither fails nor warns.
@Suite struct SwiftNameTests {
    /// The generated code names every type with its module (`Athanor.Column`, `Swift.String`):
    /// only the modules, the generated code's nested names and keywords stay out of reach.
    @Test func modelsAndEnumsMayTakeTheNamesOfTypesButNotOfTheModules() {
        expectDiagnostics("""
        model Column: UUIDBase {
        }
        model Filter: UUIDBase {
        }
        enum Date { a }
        model Transaction: UUIDBase {
        }
        model 1️⃣Self: UUIDBase {
        }
        model 2️⃣Athanor: UUIDBase {
        }
        enum 3️⃣Swift { a }
        enum 4️⃣MatchKey { a }
        model 5️⃣Columns: UUIDBase {
        }
        """, [
            .error("1️⃣", "'Self' is a Swift keyword and cannot name a model"),
            .error("2️⃣", "'Athanor' is a name the generated Swift reserves and cannot name a model; rename it"),
            .error("3️⃣", "'Swift' is a name the generated Swift reserves and cannot name an enum"),
            .error("4️⃣", "'MatchKey' is a name the generated Swift reserves and cannot name an enum"),
            .error("5️⃣", "'Columns' is a name the generated Swift reserves and cannot name a model"),
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
         2️⃣_: Int32
         3️⃣hashValue: Int32
         4️⃣Swift: Int32
         5️⃣Athanor: Int32
         Self: Int32
         Type: Int32
         Protocol: Int32
         deinit: Int32
         hash: Int32
         description: Int32
         init: Int32
         class: Int32
         columns: Int32
        }
        """, [
            .error("1️⃣", "'self' cannot name a field"),
            .error("2️⃣", "'_' cannot name a field"),
            .error("3️⃣", "'hashValue' cannot name a field"),
            .error("4️⃣", "'Swift' cannot name a field"),
            .error("5️⃣", "'Athanor' cannot name a field"),
        ])
    }

    /// Fields named like types (a schema enum, the model itself, the runtime's and the standard
    /// ones) are fine: the generated code names types with their module, and builds values with
    /// `.init(...)`.
    @Test func fieldsMayBeNamedLikeTypes() {
        expectDiagnostics("""
        enum Status { Status }
        model Note: UUIDBase {
         Note: String?
         Status: Status = Status
         UUID: UUID?
         Column: String?
         Date: Timestamp?
         Columns: Int32?
         MatchKey: Int32?
         Any: Int32?
        }
        """, [])
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
        #expect(swift.contains("public func find(code: Swift.String) async throws -> A?"))
        #expect(swift.contains("public func find(code: Swift.String) throws -> A?"))
    }
}
