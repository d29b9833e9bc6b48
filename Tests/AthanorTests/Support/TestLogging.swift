import InMemoryLogging
import Logging

extension Logger {
    /// Drops everything: the pools of tests that do not look at the log.
    static let silent = Logger(label: "athanor.tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A logger at `debug` that keeps every message in the returned handler, for the tests that
    /// look at what the runtime logged.
    static func recording() -> (Logger, InMemoryLogHandler) {
        let handler = InMemoryLogHandler()
        var logger = Logger(label: "athanor.tests", factory: { _ in handler })
        logger.logLevel = .debug
        return (logger, handler)
    }
}

extension InMemoryLogHandler {
    /// Each entry as `"level message"`, the form the logging tests match on.
    var lines: [String] { entries.map { "\($0.level) \($0.message)" } }

    /// Every text the handler received: each message and each metadata key and value, for the
    /// tests that check that no secret was logged.
    var allTexts: [String] {
        entries.flatMap { entry in
            ["\(entry.message)"] + entry.metadata.flatMap { [$0.key, "\($0.value)"] }
        }
    }
}
