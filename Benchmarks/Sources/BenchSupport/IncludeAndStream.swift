// W12 (an include) and W13 (a stream): their sizes, shared by every system. Kept apart from
// Support.swift so that other workloads can be added there without touching these.
#if canImport(Glibc)
import Glibc
#endif

extension Sizes {
    /// W12: the orders listed with their customers, per call.
    public static let w12Orders = 1_000
    /// W12: the distinct customers of those orders (order i belongs to customer i % 250).
    public static let w12Customers = 250
    /// W12: the calls timed.
    public static let w12Calls = 100
    /// W13: the rows streamed.
    public static let w13Rows = 1_000_000
}

/// The workloads besides W1-W9 that every Swift system runs.
public let includeAndStreamWorkloads = ["W12", "W13"]

/// User plus system CPU time of the whole process (every thread), in seconds: on a loaded
/// machine a fairer figure of the client's own cost than the wall time.
public func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
