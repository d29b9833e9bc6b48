import Athanor
import Glibc

final class Box: @unchecked Sendable {
    let work: @Sendable () -> Void
    init(_ work: @escaping @Sendable () -> Void) { self.work = work }
}

/// The blocking API on a plain pthread (never on the cooperative pool).
func onPlainThread(_ pool: ConnectionPool, count: Int) async throws -> Duration {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Duration, any Error>) in
        let box = Unmanaged.passRetained(Box { continuation.resume(with: Result { try runBlocking(pool, count: count) }) }).toOpaque()
        var thread = pthread_t()
        pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<Box>.fromOpaque(argument).takeRetainedValue().work()
            return nil
        }, box)
        pthread_detach(thread)
    }
}

/// One lease, `count` statements: the task runs on the connection's thread (no hop per query).
func oneLease(_ pool: ConnectionPool, count: Int) async throws -> Duration {
    try await ContinuousClock().measure {
        try await pool.withConnection { conn in
            for _ in 0..<count { _ = try await conn.query("SELECT 1") }
        }
    }
}

func runBlocking(_ pool: ConnectionPool, count: Int) throws -> Duration {
    try ContinuousClock().measure {
        try pool.withConnectionBlocking { conn in
            for _ in 0..<count { _ = try conn.query("SELECT 1") }
        }
    }
}
