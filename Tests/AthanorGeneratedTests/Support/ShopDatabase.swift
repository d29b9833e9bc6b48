import Foundation
import Athanor
import ShopFixture
import Testing

/// A database of its own with Shop's tables, and a pool on it, for one test.
enum ShopDatabase {
    static func with<T>(_ body: (ConnectionPool) async throws -> T) async throws -> T {
        try await TestDatabase.with { database in
            let pool = ConnectionPool(url: database.url, configuration: PoolConfiguration(size: 4))
            do {
                try await AthanorSchema.createTables(on: pool)
                let result = try await body(pool)
                await pool.close()
                return result
            } catch {
                await pool.close()
                throw error
            }
        }
    }
}

/// Runs blocking work on a thread of its own, never on the cooperative pool.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.start()
    }
}
