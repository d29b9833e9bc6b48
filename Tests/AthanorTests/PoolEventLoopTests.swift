@testable import Athanor
import Testing

/// A pool's single statements sent from the caller's task and awaited on the event loop
/// (`ConnectionPool.statement`): a statement already prepared on the leased connection takes
/// that path, so each test runs its statement once first. The rules are those of the thread
/// path (FaultTests, CancellationTests): what a call reports is what the server did.
@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct PoolEventLoopTests {
    func pool(_ db: TestDatabase, size: Int = 1, overflow: Int = 0) -> ConnectionPool {
        ConnectionPool(url: db.url, configuration: .init(size: size, maxOverflow: overflow, logger: .silent))
    }

    func rowCount(_ db: TestDatabase, id: Int32) async throws -> Int {
        let admin = try await Connection.connect(to: db.url)
        defer { admin.close() }
        return try await admin.query("SELECT count(*) FROM t WHERE id = $1", [id])[0].decode(Int.self, at: 0)
    }

    @Test func aPreparedStatementWaitsOnTheLoop() async throws {
        let loop = try #require(EventLoop.shared)
        try await TestDatabase.with { db in
            let pool = pool(db)
            let first = try await pool.query("SELECT $1::int8", [Int64(1)])
            #expect(try first[0].decode(Int64.self, at: 0) == 1)
            let before = loop.waits.load(ordering: .relaxed)
            let second = try await pool.query("SELECT $1::int8", [Int64(2)])
            #expect(try second[0].decode(Int64.self, at: 0) == 2)
            #expect(loop.waits.load(ordering: .relaxed) > before)
            await pool.close()
        }
    }

    /// A pool's connection starts its own thread only for work that needs one (a lease, a
    /// transaction): single statements, prepared or not, run from the task and the loop.
    @Test func aConnectionStartsItsThreadOnlyWhenWorkNeedsIt() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db)
            func threads() -> [Bool] { pool.shell.withLock { $0.connections.values.map { $0.threadIfStarted != nil } } }
            for value in Int64(1)...3 {
                let rows = try await pool.query("SELECT $1::int8", [value], idempotent: true)
                #expect(try rows[0].decode(Int64.self, at: 0) == value)
            }
            try await pool.execute("CREATE TABLE t (id int PRIMARY KEY)")
            #expect(threads() == [false])
            try await pool.withConnection { _ in }
            #expect(threads() == [true])
            await pool.close()
        }
    }

    /// A statement the server refuses to prepare fails the call with the server's error; the
    /// connection stays usable, and the statement is not taken as prepared.
    @Test func aStatementThatFailsToPrepareReportsTheServersError() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db)
            for _ in 0..<2 {
                do {
                    _ = try await pool.query("SELECT no_such_column FROM pg_class WHERE oid = $1", [Int32(1)])
                    Issue.record("expected the server's error")
                } catch let error as AthanorError {
                    #expect(error.sqlState == SQLState(rawValue: "42703"), "\(error)")
                }
            }
            let rows = try await pool.query("SELECT 7")
            #expect(try rows[0].decode(Int.self, at: 0) == 7)
            #expect(pool.counters.replaced == 0)
            await pool.close()
        }
    }

    /// More statements than the connection's statement cache holds: the least recently used is
    /// deallocated, and every call still gets its own rows.
    @Test func theStatementCacheEvictsOnTheLoop() async throws {
        try await TestDatabase.with { db in
            let pool = ConnectionPool(url: db.url, configuration: .init(size: 1, maxOverflow: 0, statementCacheCapacity: 4, logger: .silent))
            for round in 0..<3 {
                for column in 0..<10 {
                    let rows = try await pool.query("SELECT $1::int8 + \(column)", [Int64(round)], idempotent: true)
                    #expect(try rows[0].decode(Int64.self, at: 0) == Int64(round + column))
                }
            }
            let prepared = try await pool.query("SELECT count(*) FROM pg_prepared_statements")
            #expect(try prepared[0].decode(Int.self, at: 0) <= 5)
            await pool.close()
        }
    }

    /// A result larger than one read: the loop reads it as it arrives and resumes the task once.
    @Test func aLargeResultArrivesWhole() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db)
            for length in [10, 2_000_000, 64_000] {  // the first prepares it
                let rows = try await pool.query("SELECT repeat('x', $1::int), generate_series(1, 3)", [Int32(length)])
                #expect(rows.count == 3)
                #expect(try rows[2].decode(String.self, at: 0).utf8.count == length)
            }
            await pool.close()
        }
    }

    /// More tasks than connections, each statement its own lease: every call gets its own rows.
    @Test func everyCallGetsItsOwnRows() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db, size: 3, overflow: 1)
            let wrong = try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<48 {
                    group.addTask {
                        var wrong = 0
                        for call in 0..<30 {
                            let value = Int64(task * 1_000 + call)
                            let rows = try await pool.query("SELECT $1::int8 * 2, repeat('x', ($1 % 500)::int)", [value], idempotent: true)
                            let doubled = try rows[0].decode(Int64.self, at: 0)
                            let text = try rows[0].decode(String.self, at: 1)
                            if doubled != value * 2 || text.utf8.count != Int(value % 500) { wrong += 1 }
                        }
                        return wrong
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(wrong == 0)
            await pool.close()
        }
    }

    @Test func aCancelThatWinsReportsCancellationAndWritesNothing() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db)
            try await pool.execute("CREATE TABLE t (id int PRIMARY KEY)")
            let insert = "INSERT INTO t SELECT $1 FROM pg_sleep($2)"
            try await pool.execute(insert, [Int32(1), 0.0])
            let pid = try await backendPID(pool)
            let task = Task { try await pool.execute(insert, [Int32(7), 5.0]) }
            #expect(try await cancelWhileRunning(task, on: pool) < .seconds(3))  // the statement sleeps 5 s
            #expect(try await rowCount(db, id: 7) == 0)
            #expect(try await backendPID(pool) == pid)
            await pool.close()
        }
    }

    @Test func aQueryTimeoutCancelsTheStatementAndKeepsTheConnection() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db)
            let sleep = "SELECT pg_sleep($1::float8)"
            _ = try await pool.query(sleep, [0.0])
            let pid = try await backendPID(pool)
            let started = ContinuousClock.now
            do {
                _ = try await pool.query(sleep, [10.0], timeout: .milliseconds(300))
                Issue.record("expected a timeout")
            } catch let error as AthanorError {
                guard case .timedOut(let failure) = error else { Issue.record("wrong error: \(error)"); return }
                #expect(failure.sqlState == .queryCanceled)
                #expect(failure.bound == .query)
                #expect(!failure.writeInFlight)
            }
            #expect(ContinuousClock.now - started < .seconds(2))
            #expect(try await backendPID(pool) == pid)
            #expect(pool.counters.replaced == 0)
            await pool.close()
        }
    }

    /// The backend is terminated while the statement runs: a read is run again on a new
    /// connection; a write's outcome is unknown, and it is reported so, not run again.
    @Test func aConnectionLostMidStatementRetriesAReadAndReportsAWriteAmbiguous() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db)
            try await pool.execute("CREATE TABLE t (id int PRIMARY KEY)")
            let admin = try await Connection.connect(to: db.url)
            defer { admin.close() }
            let read = "SELECT $1::int4 FROM pg_sleep($2)"
            let insert = "INSERT INTO t SELECT $1 FROM pg_sleep($2)"
            _ = try await pool.query(read, [Int32(0), 0.0], idempotent: true)
            try await pool.execute(insert, [Int32(1), 0.0])

            var pid = try await backendPID(pool)
            let reading = Task { try await pool.query(read, [Int32(5), 1.0], idempotent: true)[0].decode(Int32.self, at: 0) }
            try await Task.sleep(for: .milliseconds(300))
            _ = try await admin.query("SELECT pg_terminate_backend($1)", [pid])
            #expect(try await reading.value == 5)

            _ = try await pool.execute(insert, [Int32(2), 0.0])  // prepares it on the new connection
            pid = try await backendPID(pool)
            let writing = Task { try await pool.execute(insert, [Int32(9), 2.0]) }
            try await Task.sleep(for: .milliseconds(300))
            _ = try await admin.query("SELECT pg_terminate_backend($1)", [pid])
            do {
                _ = try await writing.value
                Issue.record("expected an ambiguous commit")
            } catch let error as AthanorError {
                #expect(error.isAmbiguousCommit, "\(error)")
            }
            #expect(try await rowCount(db, id: 9) == 0)
            await pool.close()
        }
    }
}
