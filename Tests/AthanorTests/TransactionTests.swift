@testable import Athanor
import Synchronization
import Testing

struct Marker: Error {}

@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct TransactionTests {
    func pool(_ db: TestDatabase, size: Int = 8) -> ConnectionPool {
        ConnectionPool(url: db.url, configuration: .init(size: size, maxOverflow: 0, logger: .silent))
    }

    @Test func contendedSerializableIncrementsAreExact() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db)
            try await pool.execute("CREATE TABLE counter (id int PRIMARY KEY, n int8 NOT NULL)")
            try await pool.execute("INSERT INTO counter VALUES (1, 0)")
            let commits = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        var committed = 0
                        for _ in 0..<200 {
                            do {
                                try await pool.transaction(isolation: .serializable) { tx in
                                    let n = try await tx.query("SELECT n FROM counter WHERE id = 1")[0].decode(Int.self, at: 0)
                                    try await tx.execute("UPDATE counter SET n = $1 WHERE id = 1", [n + 1])
                                }
                                committed += 1
                            } catch let error as AthanorError where error.isSerializationFailure {
                                // Out of attempts: not committed, and not counted.
                            }
                        }
                        return committed
                    }
                }
                return try await group.reduce(0, +)
            }
            let final = try await pool.query("SELECT n FROM counter WHERE id = 1")[0].decode(Int.self, at: 0)
            #expect(final == commits)
            #expect(commits > 1500)
            #expect(pool.counters.retries > 0)
            await pool.close()
        }
    }

    @Test func commitsOnReturnAndRollsBackOnThrow() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db, size: 1)
            try await pool.execute("CREATE TABLE t (v text)")
            try await pool.transaction { tx in try await tx.execute("INSERT INTO t VALUES ('kept')") }
            await #expect(throws: Marker.self) {
                try await pool.transaction { tx in
                    try await tx.execute("INSERT INTO t VALUES ('gone')")
                    throw Marker()
                }
            }
            let rows = try await pool.query("SELECT v FROM t")
            #expect(rows.count == 1)
            #expect(try rows[0].decode(String.self, at: 0) == "kept")
            #expect(pool.counters.idle == 1)
            await pool.close()
        }
    }

    @Test func userErrorsAndNonRetryableErrorsAreNotRetried() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db, size: 1)
            try await pool.execute("CREATE TABLE u (email text UNIQUE)")
            try await pool.execute("INSERT INTO u VALUES ('a@x')")
            let runs = Atomic<Int>(0)
            do {
                try await pool.transaction { tx in
                    runs.add(1, ordering: .relaxed)
                    try await tx.execute("INSERT INTO u VALUES ($1)", ["a@x"])
                }
                Issue.record("expected a unique violation")
            } catch let error as AthanorError {
                #expect(error.isUniqueViolation)
                #expect(error.serverError?.constraint == "u_email_key")
                #expect(error.serverError?.table == "u")
                #expect(error.description == "23505 unique_violation on constraint u_email_key (table u)")
                #expect(!error.description.contains("a@x"))
                #expect(error.debugDescription.contains("a@x"))
            }
            #expect(runs.load(ordering: .relaxed) == 1)
            await pool.close()
        }
    }

    @Test func aSerializationFailureIsRetriedWithANewTransaction() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db, size: 1)
            let runs = Atomic<Int>(0)
            let value = try await pool.transaction { tx in
                let run = runs.add(1, ordering: .relaxed).newValue
                if run < 3 {
                    _ = try await tx.query("SELECT 1")
                    throw AthanorError.server(ServerError(sqlState: .serializationFailure, message: "injected"))
                }
                return try await tx.query("SELECT txid_current_if_assigned() IS NULL")[0].decode(Bool.self, at: 0)
            }
            #expect(value)
            #expect(runs.load(ordering: .relaxed) == 3)
            #expect(pool.counters.retries == 2)
            await pool.close()
        }
    }

    @Test func retriesStopAtMaxAttempts() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db, size: 1)
            let runs = Atomic<Int>(0)
            let policy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2))
            await #expect(throws: AthanorError.self) {
                try await pool.transaction(retry: policy) { _ in
                    runs.add(1, ordering: .relaxed)
                    throw AthanorError.server(ServerError(sqlState: .deadlockDetected, message: "injected"))
                }
            }
            #expect(runs.load(ordering: .relaxed) == 3)
            await pool.close()
        }
    }

    @Test func isolationAndReadOnlyAreApplied() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db, size: 1)
            let (level, readOnly) = try await pool.transaction(isolation: .repeatableRead, readOnly: true) { tx in
                let rows = try await tx.query("SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only')")
                return (try rows[0].decode(String.self, at: 0), try rows[0].decode(String.self, at: 1))
            }
            #expect(level == "repeatable read")
            #expect(readOnly == "on")
            await pool.close()
        }
    }

    @Test func blockingTransactionsWork() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db, size: 1)
            let value = try await runOnThread {
                try pool.executeBlocking("CREATE TABLE b (n int)")
                try pool.transactionBlocking { tx in try tx.execute("INSERT INTO b VALUES (1), (2)") }
                return try pool.queryBlocking("SELECT sum(n)::int8 FROM b")[0].decode(Int.self, at: 0)
            }
            #expect(value == 3)
            await pool.close()
        }
    }
}
