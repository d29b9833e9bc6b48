/// A schema file held in memory: the compiler never reads a disk itself.
public struct SourceFile: Sendable, Hashable {
    /// The path shown in diagnostics, as the caller wants it printed (for example `schemas/Shop.schema`).
    public var path: String
    /// The file's text.
    public var text: String

    /// Creates a source file from its display path and text.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The last component of ``path``: what the DDL header names, so output does not depend on
    /// the folder the tool was run from.
    public var fileName: String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

/// A span of a source file, as UTF-8 byte offsets: `start` inclusive, `end` exclusive.
///
/// Offsets stay offsets until a diagnostic is printed; ``LineMap`` turns them into
/// 1-based line and column numbers then.
public struct SourceRange: Sendable, Hashable {
    /// The index of the file in the compilation's `sources`.
    public var file: Int
    /// The UTF-8 offset of the first byte.
    public var start: Int
    /// The UTF-8 offset just past the last byte.
    public var end: Int

    /// Creates a range in file number `file`.
    public init(file: Int, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// A range that covers both `self` and `other` (same file).
    func extended(to other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    /// An empty range at the end of `self`: where something missing should have been.
    var endPoint: SourceRange { SourceRange(file: file, start: end, end: end) }
}
