import Foundation

/// This process's run of database tests, and the names of what it creates on a server:
/// `athanor_test_<run>_<what>`, where `<run>` is 16 hex digits (8 random, then the start time in
/// seconds since 1970). A run holds an advisory lock keyed by its random half while it lives
/// (PostgreSQL), so the next run can tell a crashed run's databases from a live one's.
struct TestRun: Sendable, Hashable {
    /// The 16 hex digits.
    let id: String

    static let prefix = "athanor_test_"
    /// The advisory lock class of every run (`ATHT`).
    static let lockClass: Int32 = 0x4154_4854

    /// A new run: random, stamped with the time.
    static func make(now: Date = Date()) -> TestRun {
        let random = UInt32.random(in: 1...UInt32.max)
        let seconds = UInt32(truncatingIfNeeded: Int(now.timeIntervalSince1970))
        return TestRun(id: hex(random) + hex(seconds))
    }

    /// The run a database name belongs to, or nil when the name is not one of ours.
    init?(databaseName name: String) {
        guard name.hasPrefix(Self.prefix) else { return nil }
        let id = name.dropFirst(Self.prefix.count).prefix { $0 != "_" }
        guard id.count == 16, id.allSatisfy(\.isHexDigit), id.lowercased() == id else { return nil }
        self.id = String(id)
    }

    init(id: String) { self.id = id }

    /// The advisory lock key of the run (its random half, as a signed 32-bit integer).
    var lockKey: Int32 { Int32(bitPattern: UInt32(id.prefix(8), radix: 16) ?? 0) }

    /// When the run started.
    var started: Date { Date(timeIntervalSince1970: TimeInterval(UInt32(id.suffix(8), radix: 16) ?? 0)) }

    /// The name of one of the run's databases: `athanor_test_<run>_<what>`.
    func name(_ what: String) -> String { Self.prefix + id + "_" + what }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
