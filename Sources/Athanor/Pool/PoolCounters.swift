/// A snapshot of the pool's state and counters, for monitoring.
public struct PoolCounters: Sendable, Hashable, CustomStringConvertible {
    /// Connections open or being opened.
    public var open = 0
    /// Connections idle in the pool.
    public var idle = 0
    /// Connections leased.
    public var inUse = 0
    /// Connections above `size`.
    public var overflow = 0
    /// Leases waiting now.
    public var waiting = 0
    /// Leases served so far.
    public var leases = 0
    /// Leases that had to wait.
    public var waits = 0
    /// Leases that timed out.
    public var timeouts = 0
    /// Connections replaced (recycled, failed pre-ping, broken, discarded after a cancel).
    public var replaced = 0
    /// Idle connections closed when they reached their recycle age, without a checkout (the
    /// pool opens new ones lazily, on the next leases).
    public var reaped = 0
    /// Failed connection attempts.
    public var connectFailures = 0
    /// Transaction attempts retried.
    public var retries = 0

    /// Every counter on one line: `open 4, idle 4, in use 0, overflow 0, waiting 0, leases 211, ...`.
    public var description: String {
        "open \(open), idle \(idle), in use \(inUse), overflow \(overflow), waiting \(waiting), leases \(leases), "
            + "waits \(waits), timeouts \(timeouts), replaced \(replaced), reaped \(reaped), "
            + "connect failures \(connectFailures), retries \(retries)"
    }
}
