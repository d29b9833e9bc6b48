import Logging

extension Logger {
    /// Drops everything: the migration tests do not look at the log.
    static let silent = Logger(label: "athanor.tests", factory: { _ in SwiftLogNoOpLogHandler() })
}
