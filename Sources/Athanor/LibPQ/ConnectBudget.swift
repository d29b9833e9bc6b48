/// How long each host of a URL may take to connect, within one attempt's overall bound.
///
/// A host that accepts TCP and never answers must not use up the attempt: while other hosts
/// remain, a host gets the time left divided by the hosts left, at least ``hostFloor`` (a
/// handshake with TLS and SCRAM over a slow network) and at most ``hostCeiling`` (a healthy
/// server answers in milliseconds); the last host gets all the time left. The URL's
/// `connect_timeout` replaces that share. Nothing runs past the overall deadline.
struct ConnectBudget {
    /// The attempt's deadline (monotonic nanoseconds).
    let deadline: UInt64
    /// The URL's `connect_timeout` (nanoseconds), when positive.
    let perHostLimit: UInt64?

    static let hostFloor: UInt64 = 500_000_000
    static let hostCeiling: UInt64 = 5_000_000_000

    /// The deadline of the next host, tried at `now` with `hostsLeft` hosts (it included) not
    /// yet tried; nil when the attempt's time is up.
    func hostDeadline(now: UInt64, hostsLeft: Int) -> UInt64? {
        guard now < deadline else { return nil }
        let remaining = deadline - now
        let share: UInt64
        if let perHostLimit {
            share = perHostLimit
        } else if hostsLeft <= 1 {
            share = remaining
        } else {
            share = min(max(remaining / UInt64(hostsLeft), Self.hostFloor), Self.hostCeiling)
        }
        return now + min(share, remaining)
    }
}
