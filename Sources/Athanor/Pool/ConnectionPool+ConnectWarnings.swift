extension ConnectionPool {
    /// How long a failed-connect warning silences the same one (same hosts, same cause).
    static let connectWarningInterval: UInt64 = 60_000_000_000

    /// Logs a failed connection attempt: at `warning` the first time a cause is seen for these
    /// hosts in ``connectWarningInterval``, at `debug` for the repeats, so a pool that keeps
    /// retrying (a wrong password while a request waits) does not write one line per attempt.
    func logConnectFailure(_ error: any Error) {
        let cause = "\(error)"
        let now = monotonicNanoseconds()
        let first = shell.withLock { shell -> Bool in
            shell.connectWarnings = shell.connectWarnings.filter { now &- $0.value < Self.connectWarningInterval }
            guard shell.connectWarnings[cause] == nil else { return false }
            shell.connectWarnings[cause] = now
            return true
        }
        let message = "connecting to \(url.hostsDescription) failed: \(cause)"
        if first {
            log(.warning, message + " (repeats are logged at debug level for 60 s)", error: error)
        } else {
            log(.debug, message, error: error)
        }
    }
}
