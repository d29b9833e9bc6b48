// What the Swift systems share with each other and with the Python peers (Benchmarks/peers/
// common.py): the command line, the workloads' sizes and rows, timing, the JSON result rows,
// peak resident memory, allocation counts and latency percentiles.
//
// Contract of every system (scripts/bench runs them all the same way):
//
//     bench-athanor --workload W3 [--repetition 1] [--url URL]     (URL defaults to DATABASE_URL)
//
// runs ONE workload once on the state the harness prepared and prints one JSON object per line:
// {"workload": "W3", "system": "athanor", "unit": "rows/s", "value": 1234.5, "method": "...", ...}
import CMallocCounter
import FoundationEssentials
import Histogram

#if canImport(Glibc)
import Glibc
#endif

// MARK: - The workloads (fixed by ../shared/reference/workloads.md; not tuning knobs)

public enum Sizes {
    public static let w1Creates = 5_000
    public static let w2Rows = 10_000
    public static let w3Rows = 10_000
    public static let w5Gets = 5_000
    public static let w6Lists = 2_000
    public static let w6Page = 50
    public static let w7Tasks = 8
    public static let w7Transactions = 200
    public static let w8Tasks = 64
    public static let w8GetsPerTask = 200
    public static let w8PoolSize = 8
    public static let w8MaxOverflow = 4
    public static let w8PoolTimeoutSeconds = 30
    public static let w9Rows = 100_000
    /// W10: transactions per client count (split evenly between the clients), the client
    /// counts, and pgbench's scale-1 tables (branches, tellers per branch, accounts per branch).
    public static let w10Transactions = 2_000
    public static let w10Clients = [1, 8]
    public static let w10Branches = 1
    public static let w10Tellers = 10
    public static let w10Accounts = 100_000
    /// W11: the task counts and pools (size, overflow) of the sweep, the gets of each point
    /// (split evenly between the tasks: 16,384 = 2^14, so every count divides it), and the
    /// point's time bound (the tasks stop starting gets after it).
    public static let w11Tasks = [1, 8, 64, 256, 1_024]
    public static let w11Pools = [(size: 8, maxOverflow: 4), (size: 64, maxOverflow: 16)]
    public static let w11GetsPerPoint = 16_384
    public static let w11PointSeconds = 60.0
    /// Rows per bulk statement where a system chooses (the generated repositories' batch size).
    public static let chunk = 5_000
}

/// W7's retry loop, the same in every system: retry on 40001/40P01 after
/// `random(0, min(cap, base * 2^(retry-1)))`, base 2 ms, cap 100 ms, at most 1,000 attempts.
public enum W7Backoff {
    public static let base = Duration.milliseconds(2)
    public static let cap = Duration.milliseconds(100)
    public static let maxAttempts = 1_000

    /// The delay before retry number `retry` (1 for the first).
    public static func delay(beforeRetry retry: Int) -> Duration {
        let ceiling = min(cap, base * (1 << min(retry - 1, 30)))
        return ceiling * Double.random(in: 0..<1)
    }
}

/// The unit of each workload's figure.
public func unit(of workload: String) -> String {
    switch workload {
    case "W5", "W6", "W8", "W11": "ops/s"
    case "W7", "W10": "tx/s"
    default: "rows/s"
    }
}

/// The email prefix of each writing workload (W4 upserts W3's emails, preloaded by the harness).
public func emailPrefix(of workload: String) -> String {
    switch workload {
    case "W1": "w1-"
    case "W2": "w2-"
    case "W9": "w9-"
    default: "w3-"
    }
}

// MARK: - Rows

/// Row i of workloads.md: email `<prefix>i@example.com`, name `User i` (`User i v2` in W4),
/// nickname NULL for every third row, login_count i % 100, a four-key JSON object, and roles
/// `{user}` or `{user,admin}` (every tenth row).
public struct UserRow: Sendable {
    public var id: UUID
    public var email: String
    public var name: String
    public var nickname: String?
    public var loginCount: Int64
    /// The JSON text of the preferences, byte for byte what the Python peers send.
    public var preferencesJSON: String
    public var roles: [String]
    /// The same four keys, typed, for systems that encode JSON from a Codable value.
    public var preferences: Preferences
}

/// The four-key preferences object.
public struct Preferences: Codable, Sendable, Hashable {
    public var theme: String
    public var lang: String
    public var digest: Bool
    public var pageSize: Int

    enum CodingKeys: String, CodingKey {
        case theme, lang, digest
        case pageSize = "page_size"
    }

    public init(_ i: Int) {
        theme = i % 2 == 1 ? "dark" : "light"
        lang = "en"
        digest = i % 7 == 0
        pageSize = 25
    }

    /// JSON text as Python's json.dumps writes it.
    public var json: String {
        "{\"theme\": \"\(theme)\", \"lang\": \"\(lang)\", \"digest\": \(digest), \"page_size\": \(pageSize)}"
    }
}

public func makeRow(prefix: String, _ i: Int, v2: Bool = false) -> UserRow {
    let preferences = Preferences(i)
    return UserRow(
        id: UUID(),
        email: "\(prefix)\(i)@example.com",
        name: v2 ? "User \(i) v2" : "User \(i)",
        nickname: i % 3 == 0 ? nil : "nick\(i)",
        loginCount: Int64(i % 100),
        preferencesJSON: preferences.json,
        roles: i % 10 == 0 ? ["user", "admin"] : ["user"],
        preferences: preferences
    )
}

public func makeRows(_ workload: String, count: Int) -> [UserRow] {
    makeRows(workload, count: count) { $0 }
}

/// The rows of `workload` as a system's own values, one at a time (no intermediate array of
/// `UserRow`s, so that the input's memory is the values' alone).
public func makeRows<Value>(_ workload: String, count: Int, as value: (UserRow) -> Value) -> [Value] {
    let prefix = emailPrefix(of: workload)
    return (0..<count).map { value(makeRow(prefix: prefix, $0, v2: workload == "W4")) }
}

/// `{user,admin}`: a text[] literal, for bulk statements that cast it back inside the server
/// (unnest of a two-dimensional array would flatten it).
public func arrayLiteral(_ values: [String]) -> String { "{" + values.joined(separator: ",") + "}" }

// MARK: - The command line

public struct Arguments: Sendable {
    public var workload: String
    public var repetition: Int
    public var url: String

    /// Parses `--workload Wn [--repetition k] [--url URL]`, or exits with a usage message.
    public static func parse(system: String) -> Arguments {
        var workload: String?
        var repetition = 1
        var url = getenv("DATABASE_URL").map { String(cString: $0) }
        var iterator = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--workload": workload = iterator.next()?.uppercased()
            case "--repetition": repetition = iterator.next().flatMap { Int($0) } ?? 1
            case "--url": url = iterator.next()
            case "-h", "--help":
                print("usage: bench-\(system) --workload W1..W11 [--repetition N] [--url URL (default DATABASE_URL)]")
                exit(0)
            default: usage(system, "unknown argument \(argument)")
            }
        }
        guard let workload, ((1...11).map({ "W\($0)" }) + includeAndStreamWorkloads).contains(workload) else {
            usage(system, "--workload W1..W13 is required")
        }
        guard let url, !url.isEmpty else { usage(system, "no --url and no DATABASE_URL") }
        return Arguments(workload: workload, repetition: repetition, url: url)
    }

    static func usage(_ system: String, _ message: String) -> Never {
        writeStandardError("bench-\(system): \(message)\nusage: bench-\(system) --workload W1..W11 [--repetition N] [--url URL]\n")
        exit(2)
    }
}

// MARK: - Timing

public struct Stopwatch: Sendable {
    let start = ContinuousClock.now
    public init() {}

    public var seconds: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    public var microseconds: UInt64 { UInt64(max(0, seconds * 1e6).rounded()) }
}

/// Latency percentiles from an HdrHistogram (microseconds, three significant digits).
public struct Latencies: Sendable {
    var histogram = Histogram<UInt64>(highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: .three)

    public init() {}

    public mutating func record(microseconds: UInt64) { _ = histogram.record(max(1, microseconds)) }

    public func milliseconds(atPercentile percentile: Double) -> Double {
        Double(histogram.valueAtPercentile(percentile)) / 1000
    }
}

// MARK: - Memory

/// Resets the process's peak resident memory (VmHWM) to the current resident size.
public func resetPeakResidentMemory() {
    guard let file = fopen("/proc/self/clear_refs", "w") else { return }
    fputs("5", file)
    fclose(file)
}

/// A field of /proc/self/status in bytes: "VmHWM" (peak resident) or "VmRSS" (resident now).
public func processStatusBytes(_ field: String) -> Int { processStatusValue(field) * 1024 }

/// The number of a field of /proc/self/status as written there ("Threads": a count; "VmRSS": kB).
public func processStatusValue(_ field: String) -> Int {
    guard let file = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 512)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix(field + ":") {
            let digits = text.dropFirst(field.count + 1).filter(\.isNumber)
            return Int(String(digits)) ?? 0
        }
    }
    return 0
}

// MARK: - Allocations (CMallocCounter interposes malloc in the executables that link this)

public enum Allocations {
    /// Counts the allocations of every thread while `body` runs: (count, bytes).
    public static func count<T>(_ body: () async throws -> T) async rethrows -> (T, count: Int, bytes: Int) {
        athanor_bench_malloc_start()
        let value = try await body()
        athanor_bench_malloc_stop()
        return (value, Int(athanor_bench_malloc_count()), Int(athanor_bench_malloc_bytes()))
    }
}

// MARK: - Output

/// A JSON value of a result row.
public enum Field: Sendable {
    case int(Int)
    case double(Double)
    case string(String)

    var json: String {
        switch self {
        case .int(let value): String(value)
        case .double(let value): value.isFinite ? String(value) : "null"
        case .string(let value): quoted(value)
        }
    }
}

func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// Prints one result row on stdout.
public func emit(_ workload: String, system: String, value: Double, method: String, _ extras: [(String, Field)] = []) {
    var fields: [(String, Field)] = [
        ("workload", .string(workload)), ("system", .string(system)), ("unit", .string(unit(of: workload))),
        ("value", .double(value)), ("method", .string(method)),
    ]
    fields += extras
    print("{" + fields.map { quoted($0.0) + ": " + $0.1.json }.joined(separator: ", ") + "}")
    fflush(nil)
}

/// Prints a message on stderr and exits with status 1.
public func fail(_ message: String) -> Never {
    writeStandardError(message + "\n")
    exit(1)
}

/// Writes text to file descriptor 2 (no shared C stream, so Swift 6 strict concurrency is happy).
public func writeStandardError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
