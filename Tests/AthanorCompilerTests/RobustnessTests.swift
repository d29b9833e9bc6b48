import AthanorCompiler
import Testing

/// Bad input never crashes or hangs the compiler, and every diagnostic points inside its file.
@Suite struct RobustnessTests {
    /// SplitMix64: a small seeded generator, so a failure can be replayed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Fragments a mutation inserts: syntax, multi-byte characters, and bytes that break them.
    static let insertions: [[UInt8]] = [
        "{", "}", "(", ")", "[", "]", "\"", "\\", "@", "@@", ":", "?", "=", "-", ",", "/", "///", "\n",
        "é", "😀", "☕", "\u{0}", "model", "enum", "table", "[[[[", "]]]]", "@references(", "now", "1e", "9999999999999999999999",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x98], [0x80]]

    static func reference() throws -> [UInt8] {
        Array(try RepositoryFiles.text(RepositoryFiles.schemas.appending(path: "Shop.schema")).utf8)
    }

    /// Compiles `bytes` (decoded as UTF-8 with replacement, as the tool reads files) and checks
    /// every location; returns a description of the first problem, or `nil`.
    static func problem(compiling bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let length = text.utf8.count
        let result = Compiler.compile(sources: [SourceFile(path: "fuzz.schema", text: text)])
        for diagnostic in result.diagnostics {
            for item in [diagnostic] + diagnostic.notes {
                guard let range = item.range else {
                    if item.severity == .error { return "error without a location: \(item.message)" }
                    continue
                }
                guard range.file == 0, range.start >= 0, range.start <= range.end, range.end <= length else {
                    return "range \(range) outside the file of \(length) bytes: \(item.message)"
                }
            }
        }
        if result.hasErrors, result.catalog != nil || !result.ddl.isEmpty { return "errors, yet output" }
        if !result.hasErrors, result.ddl.count != 2 { return "no errors, yet no DDL" }
        return nil
    }

    @Test(.timeLimit(.minutes(2)))
    func everyPrefixOfTheReferenceSchema() throws {
        let bytes = try Self.reference()
        for length in 0...bytes.count {
            if let problem = Self.problem(compiling: Array(bytes[..<length])) {
                Issue.record("prefix of \(length) bytes: \(problem)")
                return
            }
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func seededRandomMutations() throws {
        let original = try Self.reference()
        var generator = SeededGenerator(state: 0xA7A7_0003)
        for round in 0..<3000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                Self.mutate(&bytes, using: &generator)
            }
            if let problem = Self.problem(compiling: bytes) {
                Issue.record("mutation round \(round) (seed 0xA7A70003): \(problem)\n\(String(decoding: bytes, as: UTF8.self))")
                return
            }
        }
    }

    @Test func pathologicalInputs() {
        let inputs = [
            String(repeating: "{", count: 50_000),
            String(repeating: "}", count: 50_000),
            String(repeating: "model A: UUIDBase {\n", count: 2_000),
            "model A: UUIDBase {\n x: " + String(repeating: "[", count: 50_000),
            String(repeating: "@", count: 50_000),
            String(repeating: "\"", count: 50_001),
            String(repeating: "é", count: 50_000),
            String(repeating: "/// doc\n", count: 20_000),
            "model A: UUIDBase {\n @@index(" + String(repeating: "a, ", count: 20_000) + ")\n}",
            "model A: UUIDBase {\n" + (0..<20_000).map { " f\($0): String\n" }.joined() + " @@index(" + (0..<20_000).map { "f\($0)" }.joined(separator: ", ") + ")\n}",
            (0..<3_000).map { "model M\($0): UUIDBase {\n next: UUID? @references(M\($0 + 1))\n @@index(next)\n}\n" }.joined()
                + "model M3000: UUIDBase {\n}\n",
        ]
        for input in inputs {
            #expect(Self.problem(compiling: Array(input.utf8)) == nil, "\(input.prefix(40))")
        }
    }

    static func mutate(_ bytes: inout [UInt8], using generator: inout SeededGenerator) {
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<4, using: &generator) {
        case 0:
            let fragment = insertions[Int.random(in: 0..<insertions.count, using: &generator)]
            bytes.insert(contentsOf: fragment, at: position)
        case 1 where !bytes.isEmpty:
            let end = min(bytes.count, position + Int.random(in: 1...12, using: &generator))
            bytes.removeSubrange(position..<end)
        case 2 where bytes.count > 1:
            bytes.swapAt(position, Int.random(in: 0..<bytes.count, using: &generator))
        default:
            bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
        }
    }
}
