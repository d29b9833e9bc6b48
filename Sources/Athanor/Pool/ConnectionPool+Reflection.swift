/// A pool reflects its URL (its secrets as `***`), its configuration and its counters: not its
/// connections, waiters or lock.
extension ConnectionPool: CustomReflectable {
    /// The URL, the configuration and a snapshot of the counters.
    public var customMirror: Mirror {
        Mirror(self, children: ["url": url, "configuration": configuration, "counters": counters], displayStyle: .class)
    }
}
