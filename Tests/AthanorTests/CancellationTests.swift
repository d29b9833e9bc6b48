@testable import Athanor
import Testing

@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct CancellationTests {
    @Test func cancellingATaskCancelsTheQueryOnTheServer() async throws {
        try await TestDatabase.with { db in
            let pool = ConnectionPool(url: db.url, configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
            let pid = try await backendPID(pool)
            let started = ContinuousClock.now
            let task = Task { try await pool.withConnection { conn in _ = try await conn.query("SELECT pg_sleep(30)") } }
            try await waitUntil { pool.counters.inUse == 1 }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(ContinuousClock.now - started < .seconds(15))
            // The query ended with 57014, so the same connection is reused.
            #expect(try await backendPID(pool) == pid)
            #expect(pool.counters.replaced == 0)
            await pool.close()
        }
    }

    @Test func aCancelThatRacesACompletedQueryDiscardsTheConnection() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            let call = conn.beginCall()
            conn.requestCancel(call: call, reason: .task)
            #expect(conn.endCall(call, endedWith: nil) == .task)
            #expect(conn.mustDiscard)
        }
    }
}
