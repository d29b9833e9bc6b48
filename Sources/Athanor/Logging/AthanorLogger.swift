import Glibc

/// Where the runtime's log lines go. Lines never contain passwords or parameter values.
public struct AthanorLogger: Sendable {
    /// Severity.
    public enum Level: Int, Sendable, Comparable {
        /// From least to most severe. The runtime logs retries (with the error's description and the
        /// delay) at `debug`; failed connection attempts (once a minute per hosts and cause, the
        /// repeats at `debug`), a dialect mismatch and leases held past
        /// ``PoolConfiguration/leaseWarningThreshold`` at `warning`.
        case debug, info, warning, error
        /// By severity: `debug` < `info` < `warning` < `error`.
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Lines below this level are dropped before formatting.
    public var minimumLevel: Level
    let sink: @Sendable (Level, String) -> Void

    /// A logger calling `sink` for each line at or above `minimumLevel`.
    public init(minimumLevel: Level = .warning, sink: @escaping @Sendable (Level, String) -> Void) {
        self.minimumLevel = minimumLevel
        self.sink = sink
    }

    /// Warnings and errors to standard error.
    public static let standardError = AthanorLogger { level, message in
        let line = Array("athanor \(level): \(message)\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }

    /// Drops everything.
    public static let silent = AthanorLogger(minimumLevel: .error) { _, _ in }

    func log(_ level: Level, _ message: @autoclosure () -> String) {
        guard level >= minimumLevel else { return }
        sink(level, message())
    }
}
