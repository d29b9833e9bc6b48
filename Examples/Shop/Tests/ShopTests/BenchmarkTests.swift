import Athanor
import AthanorTesting
import Foundation
import ShopModels
import Testing

/// scripts/bench-testing: what a database test costs in each mode. Off unless
/// ATHANOR_BENCH_TESTS is set (to the number of tests of `manyTests`).
@Suite(.tags(.postgres), .enabled(if: BenchmarkSettings.count > 0))
struct BenchmarkTests {
    /// A consumer's test suite of `count` small tests, each in a database of its own (the mode
    /// from ATHANOR_TEST_MODE), run as Swift Testing runs them: in parallel.
    @Test(arguments: 0..<BenchmarkSettings.count)
    func manyTests(number: Int) async throws {
        try await TestDatabase.with(.shop) { db in
            let users = UserRepository(db.executor)
            let user = try await users.create(User(email: "user\(number)@example.com", name: "User \(number)"))
            #expect(try await users.get(user.id).email == "user\(number)@example.com")
            #expect(try await users.count() == 1)
        }
    }

    /// One test after another, per mode: the cost of `TestDatabase.with` around one query, and
    /// the phases of the database mode (create, schema, drop) measured with plain SQL.
    @Test func costPerTestInEachMode() async throws {
        let rounds = 20
        var lines: [String] = []
        for mode in TestDatabaseMode.allCases {
            try await TestDatabase.with(.shop, mode: mode) { db in _ = try await UserRepository(db.executor).count() }  // warm
            let start = ContinuousClock.now
            for _ in 0..<rounds {
                try await TestDatabase.with(.shop, mode: mode) { db in _ = try await UserRepository(db.executor).count() }
            }
            lines.append("mode \(mode.rawValue): \(Self.milliseconds((ContinuousClock.now - start) / rounds)) ms per test (sequential, \(rounds) tests)")
        }
        let base = try DatabaseURL(try #require(ProcessInfo.processInfo.environment["ATHANOR_TEST_DATABASE_URL"]))
        let admin = try await Connection.connect(to: base)
        defer { admin.close() }
        var create = Duration.zero, schema = Duration.zero, drop = Duration.zero
        for round in 0..<rounds {
            let name = "athanor_bench_\(round)"
            var clock = ContinuousClock.now
            try await admin.executeScript("CREATE DATABASE \(name)")
            create += ContinuousClock.now - clock
            var url = base
            url.database = name
            let connection = try await Connection.connect(to: url)
            clock = ContinuousClock.now
            try await TestSchema.shop.prepare(connection)
            schema += ContinuousClock.now - clock
            connection.close()
            clock = ContinuousClock.now
            try await admin.executeScript("DROP DATABASE \(name) WITH (FORCE)")
            drop += ContinuousClock.now - clock
        }
        lines.append("database mode's phases: create \(Self.milliseconds(create / rounds)) ms, schema (\(AthanorSchema.script(for: .postgresql).statements.count) DDL statements) \(Self.milliseconds(schema / rounds)) ms, drop \(Self.milliseconds(drop / rounds)) ms")
        print(lines.map { "bench-testing: " + $0 }.joined(separator: "\n"))
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}

/// ATHANOR_BENCH_TESTS: how many tests `manyTests` runs (0, the default, turns the suite off).
enum BenchmarkSettings {
    static let count = Int(ProcessInfo.processInfo.environment["ATHANOR_BENCH_TESTS"] ?? "") ?? 0
}
