// BulkMemory: how long an upsertMany of 100,000 rows takes, and how much the process grows
// while it runs (peak RSS, VmHWM, over the RSS with the input built), relative to the input.
// Run it with scripts/bench-upsert-memory (release build, throwaway PostgreSQL).
import Athanor
import Foundation
import ShopModels

func status(_ key: String) -> Int {
    let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    for line in text.split(separator: "\n") where line.hasPrefix(key) {
        return Int(line.split(separator: " ").dropFirst().first { !$0.isEmpty }.map(String.init) ?? "0") ?? 0
    }
    return 0
}
func resetPeak() { try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8) }

guard let text = ProcessInfo.processInfo.environment["DATABASE_URL"] else {
    print("usage: DATABASE_URL=... BulkMemory users|orders (an empty database: it creates the tables)")
    exit(2)
}
let url = try DatabaseURL(text)
let pool = ConnectionPool(url: url)
try await AthanorSchema.createTables(on: pool)
let kind = CommandLine.arguments.dropFirst().first ?? "users"
let customer = try await UserRepository(pool).create(User(email: "c@x.io", name: "C"))
// warm up the statement path
_ = try await UserRepository(pool).upsertMany((0..<10).map { User(email: "w\($0)@x.io", name: "W") }, matching: .email)
let before = status("VmRSS:")
var users: [User] = []
var orders: [Order] = []
if kind == "users" {
    users = (0..<100_000).map { User(email: "bulk\($0)@example.com", name: "Bulk user \($0)", roles: $0 % 3 == 0 ? ["a", "b"] : []) }
} else {
    orders = (0..<100_000).map { Order(customerID: customer.id, externalRef: "EXT-\($0)-reference", totalCents: Int64($0)) }
}
let afterInput = status("VmRSS:")
resetPeak()
let start = ContinuousClock.now
let count: Int
if kind == "users" {
    count = try await UserRepository(pool).upsertMany(users, matching: .email).count
} else {
    count = try await OrderRepository(pool).upsertMany(orders, matching: .customerIDExternalRef).count
}
let elapsed = ContinuousClock.now - start
let peak = status("VmHWM:")
let input = afterInput - before
print("\(kind): \(count) rows in \(elapsed); input \(input) kB; peak growth during upsertMany \(peak - afterInput) kB = \(String(format: "%.2f", Double(peak - afterInput) / Double(max(input, 1))))x input")
await pool.close()
