/// What a ``FaultProxy`` has done so far.
public struct FaultProxyCounters: Sendable, Hashable, CustomStringConvertible {
    /// Client connections accepted.
    public var accepted: Int
    /// Connections open now (both sides).
    public var open: Int
    /// Connections cut by a fault (``FaultProxy/cutAll()`` or an armed pattern).
    public var cuts: Int
    /// Accepted connections closed at once because the target refused them (a server down).
    public var refused: Int
    /// The proxy's threads still running (0 after a successful stop).
    public var threads: Int

    /// `accepted 12, open 8, cuts 3, refused 1, threads 17`.
    public var description: String {
        "accepted \(accepted), open \(open), cuts \(cuts), refused \(refused), threads \(threads)"
    }
}
