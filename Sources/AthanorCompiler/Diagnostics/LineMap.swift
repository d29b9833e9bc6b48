/// A 1-based line and column in a file.
///
/// Columns count UTF-8 bytes from the start of the line, plus one, as clang, swiftc and SwiftPM do,
/// so editors that read `path:line:column:` from those tools place Athanor's markers the same way.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, in UTF-8 bytes.
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// Converts UTF-8 byte offsets of one file to line and column numbers.
public struct LineMap: Sendable {
    private let lineStarts: [Int]
    private let byteCount: Int

    /// Indexes the line starts of `text`. A line ends after `\n`; a `\r\n` pair counts as one ending.
    public init(text: String) {
        var starts = [0]
        var offset = 0
        for byte in text.utf8 {
            offset += 1
            if byte == UInt8(ascii: "\n") { starts.append(offset) }
        }
        lineStarts = starts
        byteCount = offset
    }

    /// The position of the byte at `offset` (clamped to the file; the end of the file is a valid position).
    public func position(of offset: Int) -> SourcePosition {
        let clamped = min(max(offset, 0), byteCount)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        return SourcePosition(line: low + 1, column: clamped - lineStarts[low] + 1)
    }
}
