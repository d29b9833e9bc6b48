import Glibc

/// The soak's output: one line at a time on standard output (unbuffered, so a pipe sees each
/// line as it happens), stamped with the time since the start.
struct SoakLog: Sendable {
    let start = ContinuousClock.now

    var elapsed: Duration { ContinuousClock.now - start }

    /// Prints `[mm:ss] text`.
    func line(_ text: String) {
        let total = Int(elapsed.components.seconds)
        Self.write("[\(Self.twoDigits(total / 60)):\(Self.twoDigits(total % 60))] \(text)")
    }

    /// Writes `text` and a newline to standard output at once.
    static func write(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
    }

    /// A duration in seconds with two decimals: `1.25`.
    static func seconds(_ duration: Duration) -> String {
        let hundredths = Int((Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) * 100)
        return "\(hundredths / 100).\(twoDigits(hundredths % 100))"
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
