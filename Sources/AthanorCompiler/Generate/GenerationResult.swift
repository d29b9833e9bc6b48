/// One generated file, in memory.
public struct OutputFile: Sendable, Hashable {
    /// Where the file goes, relative to the output folder (`schemas_Shop.swift`).
    public var path: String
    /// The file's text.
    public var contents: String

    /// Creates an output file.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// Everything one generation produced: the files, or the diagnostics that stopped them.
public struct GenerationResult: Sendable {
    /// One Swift file per schema, in the order of the sources, then `AthanorSchema.swift`;
    /// empty when a schema has an error.
    public var files: [OutputFile]
    /// Every error, warning and note of the schemas, sorted by file and position.
    public var diagnostics: [Diagnostic]

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// A problem that stops generation before the schemas are compiled: a template override that
/// replaces no template or does not parse, or two generated files with one name.
public struct GenerationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, and how to fix it.
    public var message: String
    /// `path:line:column` of the problem (in a template override), when it has one.
    public var location: String?

    /// Creates an error.
    public init(message: String, location: String? = nil) {
        self.message = message
        self.location = location
    }

    /// `location: message`, or the message alone.
    public var description: String { location.map { "\($0): \(message)" } ?? message }
}
