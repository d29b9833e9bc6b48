import AthanorCompiler
import Testing

/// Schema text with location markers (`1️⃣`, `2️⃣`, ...) in it, in the style of swift-format's
/// `MarkedText`: the markers are removed, and their UTF-8 offsets in the clean text remembered.
struct MarkedSource {
    static let markers = ["0️⃣", "1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    let text: String
    let offsets: [String: Int]

    init(_ marked: String) {
        var text = ""
        var offsets: [String: Int] = [:]
        var rest = Substring(marked)
        while !rest.isEmpty {
            if let marker = Self.markers.first(where: { rest.hasPrefix($0) }) {
                offsets[marker] = text.utf8.count
                rest = rest.dropFirst(marker.count)
            } else if let character = rest.first {
                text.append(character)
                rest = rest.dropFirst()
            }
        }
        self.text = text
        self.offsets = offsets
    }

    func position(of marker: String) -> SourcePosition? {
        offsets[marker].map { LineMap(text: text).position(of: $0) }
    }
}

/// An expected diagnostic: at a marker, with a severity, and a message that contains `message`.
struct ExpectedDiagnostic {
    var marker: String
    var severity: DiagnosticSeverity
    var message: String

    static func error(_ marker: String, _ message: String) -> Self { Self(marker: marker, severity: .error, message: message) }
    static func warning(_ marker: String, _ message: String) -> Self { Self(marker: marker, severity: .warning, message: message) }
}

/// Compiles marked schema text and checks that it gives exactly the expected diagnostics
/// (notes aside), each at its marker.
@discardableResult
func expectDiagnostics(_ marked: String, _ expected: [ExpectedDiagnostic], dialects: Set<SQLDialect> = Set(SQLDialect.allCases),
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) -> CompilationResult {
    let source = MarkedSource(marked)
    let file = SourceFile(path: "test.schema", text: source.text)
    let result = Compiler.compile(sources: [file], options: CompilerOptions(dialects: dialects))
    let formatter = DiagnosticFormatter(sources: [file])
    let actual = result.diagnostics.map { diagnostic in
        (diagnostic, diagnostic.range.flatMap { formatter.position(of: $0) })
    }
    let rendered = formatter.format(result.diagnostics)
    #expect(actual.count == expected.count, "expected \(expected.count) diagnostics, got:\n\(rendered)", sourceLocation: sourceLocation)
    for (index, expectation) in expected.enumerated() where index < actual.count {
        let (diagnostic, position) = actual[index]
        #expect(diagnostic.severity == expectation.severity, "\(rendered)", sourceLocation: sourceLocation)
        #expect(diagnostic.message.contains(expectation.message),
                "message \(index): '\(diagnostic.message)' lacks '\(expectation.message)'", sourceLocation: sourceLocation)
        #expect(position != nil && position == source.position(of: expectation.marker),
                "\(expectation.marker) is at \(source.position(of: expectation.marker).map(String.init(describing:)) ?? "?"), diagnostic at \(position.map(String.init(describing:)) ?? "nil"): \(diagnostic.message)",
                sourceLocation: sourceLocation)
    }
    return result
}

/// Compiles text that must compile without any error.
func compileClean(_ text: String, dialects: Set<SQLDialect> = Set(SQLDialect.allCases),
                  sourceLocation: Testing.SourceLocation = #_sourceLocation) -> CompilationResult {
    let file = SourceFile(path: "test.schema", text: text)
    let result = Compiler.compile(sources: [file], options: CompilerOptions(dialects: dialects))
    #expect(!result.hasErrors, "\(DiagnosticFormatter(sources: [file]).format(result.diagnostics))", sourceLocation: sourceLocation)
    return result
}
