import Logging

/// The metadata keys the runtime puts on its log messages, for a log backend to filter or index on.
///
/// The runtime logs through swift-log's `Logger` (``PoolConfiguration/logger``), at these levels:
/// retries (with the error's description and the delay) at `debug`; failed connection attempts
/// (once a minute per hosts and cause, the repeats at `debug`), a dialect mismatch and leases held
/// past ``PoolConfiguration/leaseWarningThreshold`` at `warning`. No message and no metadata value
/// holds a password or a statement's parameter value.
public enum AthanorLogMetadata {
    /// The pool that logged: a number unique in the process (`"1"`, `"2"`, ...), in creation order.
    public static let pool = "athanor.pool"
    /// The hosts of the pool's URL, comma-separated (`"db1,db2"`): names, never credentials.
    public static let host = "athanor.host"
    /// The SQLSTATE of the error the message is about (`"40001"`), when it has one.
    public static let sqlState = "athanor.sqlstate"
}
