import AthanorCompiler
import Testing

/// `TextDiff.unified` on many edits: applying the diff it prints to the old text gives the new text,
/// hunks keep their context, and removals come before additions at each place.
@Suite struct TextDiffTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Applies a unified diff to `old`, checking every context and removed line against it.
    static func apply(_ diff: String, to old: String) -> String? {
        let oldLines = old.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        var output: [String] = []
        var cursor = 0
        for line in diff.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).dropLast() {
            if line.hasPrefix("@@ -") {
                let start = Int(line.dropFirst(4).prefix { $0 != "," }) ?? 0
                let count = Int(line.split(separator: " ")[1].split(separator: ",")[1]) ?? 0
                let target = count == 0 ? start : start - 1
                guard target >= cursor, target <= oldLines.count else { return nil }
                output += oldLines[cursor..<target]
                cursor = target
            } else if line.hasPrefix("+") {
                output.append(String(line.dropFirst()))
            } else {
                guard cursor < oldLines.count, oldLines[cursor] == line.dropFirst() else { return nil }
                if line.hasPrefix(" ") { output.append(oldLines[cursor]) }
                cursor += 1
            }
        }
        output += oldLines[cursor...]
        return output.map { $0 + "\n" }.joined()
    }

    @Test func theDiffTurnsTheOldTextIntoTheNewOne() {
        var random = SplitMix(state: 42)
        for _ in 0..<300 {
            let old = (0..<Int.random(in: 0...40, using: &random)).map { _ in "line \(Int.random(in: 0...12, using: &random))" }
            var new = old
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let position = Int.random(in: 0...new.count, using: &random)
                switch Int.random(in: 0...2, using: &random) {
                case 0 where position < new.count: new.remove(at: position)
                case 1 where position < new.count: new[position] = "changed \(Int.random(in: 0...99, using: &random))"
                default: new.insert("added \(Int.random(in: 0...99, using: &random))", at: position)
                }
            }
            let oldText = old.map { $0 + "\n" }.joined(), newText = new.map { $0 + "\n" }.joined()
            guard let diff = TextDiff.unified(from: oldText, to: newText) else {
                #expect(oldText == newText)
                continue
            }
            #expect(Self.apply(diff, to: oldText) == newText, "old:\n\(oldText)\nnew:\n\(newText)\ndiff:\n\(diff)")
        }
    }

    @Test func removalsComeBeforeAdditionsAndFarChangesGetTheirOwnHunks() throws {
        let old = (1...30).map { "\($0)\n" }.joined()
        let new = old.replacing("\n5\n", with: "\nfive\n").replacing("\n25\n", with: "\n25\n25.5\n")
        let diff = try #require(TextDiff.unified(from: old, to: new, oldName: "a", newName: "b"))
        #expect(diff == """
            --- a
            +++ b
            @@ -2,7 +2,7 @@
             2
             3
             4
            -5
            +five
             6
             7
             8
            @@ -23,6 +23,7 @@
             23
             24
             25
            +25.5
             26
             27
             28

            """)
    }
}
