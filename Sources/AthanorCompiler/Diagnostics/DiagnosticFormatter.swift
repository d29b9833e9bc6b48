/// Prints diagnostics in the form SwiftPM and editors read: `path:line:column: error: message`.
public struct DiagnosticFormatter: Sendable {
    private let sources: [SourceFile]
    private let lineMaps: [LineMap]

    /// Creates a formatter for the files of one compilation.
    public init(sources: [SourceFile]) {
        self.sources = sources
        self.lineMaps = sources.map { LineMap(text: $0.text) }
    }

    /// The 1-based position where `range` starts, or `nil` when it names no file of this compilation.
    public func position(of range: SourceRange) -> SourcePosition? {
        guard lineMaps.indices.contains(range.file) else { return nil }
        return lineMaps[range.file].position(of: range.start)
    }

    /// One line per diagnostic and per note: `path:line:column: severity: message`.
    public func format(_ diagnostic: Diagnostic) -> String {
        var lines = [formatLine(diagnostic)]
        for note in diagnostic.notes { lines.append(formatLine(note)) }
        return lines.joined(separator: "\n")
    }

    /// All diagnostics, one per line, ending with a newline (empty when there are none).
    public func format(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { format($0) + "\n" }.joined()
    }

    private func formatLine(_ diagnostic: Diagnostic) -> String {
        let body = "\(diagnostic.severity.rawValue): \(diagnostic.message)"
        guard let range = diagnostic.range, let position = position(of: range) else {
            return body
        }
        return "\(sources[range.file].path):\(position.line):\(position.column): \(body)"
    }
}
