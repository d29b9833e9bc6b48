import Logging
import Synchronization

/// A pool's logger: the configured `Logger` with the pool's metadata, and the one place that adds
/// an error's SQLSTATE. Messages are built only when the level is enabled.
struct RuntimeLogger: Sendable {
    private static let poolNumbers = Atomic<Int>(0)

    let logger: Logger

    /// The configured logger with ``AthanorLogMetadata/pool`` (a new number) and
    /// ``AthanorLogMetadata/host`` set.
    init(_ configured: Logger, hosts: String) {
        var logger = configured
        logger[metadataKey: AthanorLogMetadata.pool] = "\(Self.poolNumbers.add(1, ordering: .relaxed).newValue)"
        logger[metadataKey: AthanorLogMetadata.host] = "\(hosts)"
        self.logger = logger
    }

    /// Logs `message` at `level`, with ``AthanorLogMetadata/sqlState`` when `error` has one.
    func log(_ level: Logger.Level, _ message: @autoclosure () -> String, error: (any Error)? = nil) {
        guard logger.logLevel <= level else { return }
        var metadata: Logger.Metadata?
        if let state = (error as? AthanorError)?.sqlState {
            metadata = [AthanorLogMetadata.sqlState: "\(state.rawValue)"]
        }
        logger.log(level: level, "\(message())", metadata: metadata)
    }
}
