#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fuzz property that does not hold: prints what failed and the input, then stops the process
/// the way a crash does, so that libFuzzer saves the input as `crash-<sha1>` and exits non-zero.
///
/// With `ATHANOR_FUZZ_REPORT_ONLY=1` in the environment, the failure is printed (the first ten
/// times per `property`) and the run goes on: a way to survey every property that fails today.
public func propertyFailed(_ property: String, _ details: String, input: [UInt8]) {
    let reportOnly = getenv("ATHANOR_FUZZ_REPORT_ONLY").map { String(cString: $0) == "1" } ?? false
    if reportOnly {
        guard FailureLog.shared.report(property) else { return }
    }
    let escaped = input.map { byte -> String in
        switch byte {
        case 0x20..<0x7F where byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "\""):
            String(UnicodeScalar(byte))
        default:
            "\\u{" + String(byte, radix: 16) + "}"
        }
    }.joined()
    let message = "\nPROPERTY FAILED: \(property)\n\(details)\ninput (Swift literal): \"\(escaped)\"\n"
    writeToStandardError(message)
    if !reportOnly { abort() }
}

/// How often each property failed, in report-only mode.
final class FailureLog: @unchecked Sendable {
    static let shared = FailureLog()
    private var counts: [String: Int] = [:]

    /// True for the first ten failures of `property` (libFuzzer calls the target from one thread).
    func report(_ property: String) -> Bool {
        counts[property, default: 0] += 1
        return counts[property, default: 0] <= 10
    }
}

/// Writes `text` to file descriptor 2, unbuffered.
func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
