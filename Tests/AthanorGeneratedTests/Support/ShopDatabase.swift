import Foundation
import Athanor
import AthanorTesting
import Testing

/// A database of its own with Shop's tables, and a pool on it,
/// for one test: AthanorTesting's `TestDatabase`, dropped however the test ends.
enum ShopDatabase {
    static func with<T>(_ body: (ConnectionPool) async throws -> T) async throws -> T {
        try await TestDatabase.with(.shopFixture, poolSize: 4) { try await body($0.pool) }
    }
}

/// Runs blocking work on a thread of its own, never on the cooperative pool.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await runBlocking(body)
}
