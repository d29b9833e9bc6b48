/// How serious a diagnostic is.
public enum DiagnosticSeverity: String, Sendable, Hashable, Comparable {
    /// The schema cannot be compiled.
    case error
    /// The schema compiles, but something in it is probably not what the author wants.
    case warning
    /// Extra information attached to an error or a warning.
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    /// Errors sort before warnings, warnings before notes.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// A message about a schema, with the place it is about.
///
/// Every stage of the compiler adds diagnostics to a ``DiagnosticCollector`` and returns them; none
/// prints. ``DiagnosticFormatter`` prints them as `path:line:column: error: message`.
public struct Diagnostic: Sendable, Hashable {
    /// Error, warning or note.
    public var severity: DiagnosticSeverity
    /// What is wrong, and where it helps, how to fix it (`did you mean 'String'?`).
    public var message: String
    /// Where the problem is; `nil` only for problems that belong to no file.
    public var range: SourceRange?
    /// Notes that point at related places (for example the first of two duplicate declarations).
    public var notes: [Diagnostic]

    /// Creates a diagnostic.
    public init(severity: DiagnosticSeverity, message: String, range: SourceRange?, notes: [Diagnostic] = []) {
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
    }

    static func error(_ message: String, at range: SourceRange?, notes: [Diagnostic] = []) -> Diagnostic {
        Diagnostic(severity: .error, message: message, range: range, notes: notes)
    }

    static func warning(_ message: String, at range: SourceRange?, notes: [Diagnostic] = []) -> Diagnostic {
        Diagnostic(severity: .warning, message: message, range: range, notes: notes)
    }

    static func note(_ message: String, at range: SourceRange?) -> Diagnostic {
        Diagnostic(severity: .note, message: message, range: range)
    }
}

/// Collects the diagnostics of one compilation, in the order the stages report them.
public struct DiagnosticCollector: Sendable {
    /// Everything reported so far.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Creates an empty collector.
    public init() {}

    /// Whether any error was reported.
    public var hasErrors: Bool { errorCount > 0 }

    /// How many errors were reported.
    public var errorCount: Int { diagnostics.count(where: { $0.severity == .error }) }

    /// Adds a diagnostic.
    public mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    mutating func error(_ message: String, at range: SourceRange?, notes: [Diagnostic] = []) {
        report(.error(message, at: range, notes: notes))
    }

    mutating func warning(_ message: String, at range: SourceRange?, notes: [Diagnostic] = []) {
        report(.warning(message, at: range, notes: notes))
    }
}
