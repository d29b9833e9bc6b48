@testable import Athanor
import Testing

/// The applier on a real server: history, refusals, failures, resumption, concurrent appliers.
@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct MigratorTests {
    static func pool(_ db: TestDatabase, size: Int = 2) throws -> ConnectionPool {
        ConnectionPool(url: db.url, configuration: .init(size: size, maxOverflow: 0, logger: .silent))
    }

    static func migration(_ id: String, _ sql: String) -> Migration {
        Migration(id: id, sql: [.postgresql: sql, .cockroachdb: sql])
    }

    static let first = migration("20260101_000000_create_a", "CREATE TABLE a (id INT PRIMARY KEY, s TEXT);\nINSERT INTO a VALUES (1, 'x;y');")
    static let second = migration("20260102_000000_add_b", "ALTER TABLE a ADD COLUMN b INT NOT NULL DEFAULT 7;")

    func count(_ sql: String, on pool: ConnectionPool) async throws -> Int64 {
        try await pool.query(sql, [], idempotent: true)[0].decode(Int64.self, at: 0)
    }

    @Test func appliesEachMigrationOnceAndRecordsIt() async throws {
        try await TestDatabase.with { db in
            let pool = try Self.pool(db)
            let migrator = Migrator(migrations: [Self.second, Self.first])
            let report = try await migrator.apply(on: pool)
            #expect(report.applied.map(\.id) == [Self.first.id, Self.second.id])
            #expect(report.applied.map(\.statements) == [2, 1])
            #expect(try await migrator.apply(on: pool).applied.isEmpty, "a second apply has nothing to do")
            let status = try await migrator.status(on: pool)
            #expect(status.pending.isEmpty)
            #expect(status.problem == nil)
            #expect(status.applied.map(\.name) == ["create_a", "add_b"])
            #expect(status.applied.map(\.checksum) == [Self.first.checksum(for: .postgresql), Self.second.checksum(for: .postgresql)])
            let complete = status.applied.allSatisfy { $0.isComplete && $0.statementsApplied == $0.statementsTotal && $0.durationMilliseconds != nil }
            #expect(complete)
            #expect(try await count("SELECT sum(b)::BIGINT FROM a", on: pool) == 7)
            await pool.close()
        }
    }

    @Test func blockingFormAppliesTheSame() async throws {
        try await TestDatabase.with { db in
            let pool = try Self.pool(db)
            let report = try await Task.detached { try Migrator(migrations: [Self.first]).applyBlocking(on: pool) }.value
            #expect(report.applied.map(\.id) == [Self.first.id])
            await pool.close()
        }
    }

    @Test func checksumChangesDatabasesAheadAndGapsApplyNothing() async throws {
        try await TestDatabase.with { db in
            let pool = try Self.pool(db)
            _ = try await Migrator(migrations: [Self.first, Self.second]).apply(on: pool)
            let edited = Self.migration(Self.first.id, "CREATE TABLE a (id INT PRIMARY KEY);")
            let third = Self.migration("20260103_000000_c", "CREATE TABLE c (id INT);")
            await #expect {
                try await Migrator(migrations: [edited, Self.second, third]).apply(on: pool)
            } throws: { error in
                guard case MigrationError.checksumChanged(let id, _, _) = error else { return false }
                return id == Self.first.id
            }
            await #expect {
                try await Migrator(migrations: [Self.first, third]).apply(on: pool)
            } throws: { error in
                guard case MigrationError.databaseAhead(let unknown) = error else { return false }
                return unknown == [Self.second.id]
            }
            let early = Self.migration("20260101_120000_early", "CREATE TABLE early (id INT);")
            await #expect {
                try await Migrator(migrations: [Self.first, early, Self.second, third]).apply(on: pool)
            } throws: { error in
                guard case MigrationError.gap(let pending, let after) = error else { return false }
                return pending == early.id && after == Self.second.id
            }
            #expect(try await count("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('c', 'early')", on: pool) == 0,
                    "a refused apply runs nothing, not even the migrations before the problem")
            let status = try await Migrator(migrations: [Self.first, early, Self.second]).status(on: pool)
            #expect(status.pending == [early.id])
            #expect(status.problem != nil)
            await pool.close()
        }
    }

    @Test func aFailingStatementLeavesNothingOfItsMigrationOnPostgreSQL() async throws {
        try await TestDatabase.with { db in
            let pool = try Self.pool(db)
            let broken = Self.migration("20260102_000000_broken",
                                        "CREATE TABLE b (id INT);\nINSERT INTO b VALUES (1);\nINSERT INTO missing VALUES (1);\nCREATE TABLE d (id INT);")
            await #expect {
                try await Migrator(migrations: [Self.first, broken]).apply(on: pool)
            } throws: { error in
                guard case MigrationError.statementFailed(let id, let number, let count, _, _) = error else { return false }
                return id == broken.id && number == 3 && count == 4
            }
            #expect(try await count("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('b', 'd')", on: pool) == 0)
            let status = try await Migrator(migrations: [Self.first, broken]).status(on: pool)
            #expect(status.applied.map(\.id) == [Self.first.id], "the first migration stays applied, the broken one left no row")
            await pool.close()
        }
    }

    @Test func perStatementModeResumesAfterTheLastStatementThatSucceeded() async throws {
        try await TestDatabase.with { db in
            let pool = try Self.pool(db)
            let options = MigrationOptions(mode: .perStatement, lock: .leaseRow)
            let broken = Self.migration("20260102_000000_steps",
                                        "CREATE TABLE b (id INT);\nINSERT INTO b VALUES (1);\nINSERT INTO later VALUES (1);\nCREATE TABLE d (id INT);")
            let migrator = Migrator(migrations: [Self.first, broken], options: options)
            await #expect {
                try await migrator.apply(on: pool)
            } throws: { error in
                guard case MigrationError.statementFailed(_, let number, _, _, _) = error else { return false }
                return number == 3
            }
            var status = try await migrator.status(on: pool)
            let row = try #require(status.applied.first { $0.id == broken.id })
            #expect(!row.isComplete)
            #expect(row.statementsApplied == 2)
            #expect(try await count("SELECT count(*) FROM b", on: pool) == 1, "the two statements that succeeded stay")

            try await pool.execute("CREATE TABLE later (id INT)", [])
            let report = try await migrator.apply(on: pool)
            #expect(report.applied.map(\.id) == [broken.id])
            #expect(report.applied.first?.resumed == true)
            #expect(report.applied.first?.statements == 2, "only statements 3 and 4 ran")
            #expect(try await count("SELECT count(*) FROM b", on: pool) == 1, "statement 2 did not run again")
            status = try await migrator.status(on: pool)
            let complete = status.applied.allSatisfy(\.isComplete)
            #expect(complete)
            await pool.close()
        }
    }

    /// The usual repair (Atlas's users meet it as ariga/atlas#2455): the failed statement is
    /// fixed in the file, and the rerun resumes; an edit of a statement that already ran is refused.
    @Test func aFailedStatementMayBeFixedBeforeTheRerunButNotOneThatRan() async throws {
        try await TestDatabase.with { db in
            let pool = try Self.pool(db)
            let options = MigrationOptions(mode: .perStatement)
            let broken = Self.migration("20260102_000000_steps", "CREATE TABLE b (id INT);\nINSERT INTO b VALUES (1);\nINSERT INTO nowhere VALUES (1);")
            await #expect(throws: MigrationError.self) { try await Migrator(migrations: [broken], options: options).apply(on: pool) }
            let editedBefore = Self.migration(broken.id, "CREATE TABLE b (id INT, x INT);\nINSERT INTO b VALUES (1);\nINSERT INTO b VALUES (2);")
            await #expect {
                try await Migrator(migrations: [editedBefore], options: options).apply(on: pool)
            } throws: { error in
                guard case MigrationError.checksumChanged = error else { return false }
                return true
            }
            let fixed = Self.migration(broken.id, "CREATE TABLE b (id INT);\nINSERT INTO b VALUES (1);\nINSERT INTO b VALUES (2);\nINSERT INTO b VALUES (3);")
            let report = try await Migrator(migrations: [fixed], options: options).apply(on: pool)
            #expect(report.applied.first?.statements == 2)
            #expect(try await count("SELECT sum(id)::BIGINT FROM b", on: pool) == 6)
            let status = try await Migrator(migrations: [fixed], options: options).status(on: pool)
            #expect(status.problem == nil)
            #expect(status.applied.first?.checksum == fixed.checksum(for: .postgresql))
            #expect(status.applied.first?.statementsTotal == 4)
            await pool.close()
        }
    }

    /// Four pools (four sessions, as four replicas would have) apply the same migrations at
    /// once; a migration applied twice would fail (CREATE TABLE without IF NOT EXISTS).
    @Test(arguments: [MigrationOptions.Lock.advisory, .leaseRow])
    func concurrentAppliersApplyEachMigrationOnce(lock: MigrationOptions.Lock) async throws {
        try await TestDatabase.with { db in
            let migrations = (0..<6).map { index in
                Self.migration("2026010\(index)_000000_m\(index)",
                               "CREATE TABLE t\(index) (id INT);\nINSERT INTO t\(index) VALUES (\(index));\nSELECT pg_sleep(0.02);")
            }
            let pools = try (0..<4).map { _ in try Self.pool(db, size: 1) }
            let reports = try await withThrowingTaskGroup(of: MigrationReport.self) { group in
                for pool in pools {
                    group.addTask { try await Migrator(migrations: migrations, options: MigrationOptions(lock: lock)).apply(on: pool) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let applied = reports.flatMap { $0.applied.map(\.id) }
            #expect(applied.sorted() == migrations.map(\.id), "each migration applied by exactly one applier")
            let status = try await Migrator(migrations: migrations).status(on: pools[0])
            #expect(status.applied.count == 6)
            for pool in pools { await pool.close() }
        }
    }

    /// `CREATE INDEX CONCURRENTLY` cannot run in a transaction block: marked, it runs on its own
    /// between the transactions of the statements around it, and the migration is recorded.
    @Test func aNonTransactionalStatementRunsOnItsOwnInFileOrder() async throws {
        try await TestDatabase.with { db in
            let pool = try Self.pool(db)
            let migration = Self.migration("20260101_000000_concurrently", """
                CREATE TABLE c (id INT);
                INSERT INTO c VALUES (1);

                -- athanor:no-transaction
                CREATE INDEX CONCURRENTLY c_id_idx ON c (id);

                INSERT INTO c VALUES (2);
                """)
            #expect(migration.script(for: .postgresql)?.statements.map(\.isTransactional) == [true, true, false, true])
            let report = try await Migrator(migrations: [migration]).apply(on: pool)
            #expect(report.applied.first?.statements == 4)
            #expect(try await count("SELECT count(*) FROM pg_indexes WHERE indexname = 'c_id_idx'", on: pool) == 1)
            #expect(try await count("SELECT count(*) FROM c", on: pool) == 2)
            await pool.close()
        }
    }

    /// An applier that cannot get the lock within its timeout gives up with a typed error and
    /// applies nothing.
    @Test(arguments: [MigrationOptions.Lock.advisory, .leaseRow])
    func aLockHeldByAnotherApplierTimesOut(lock: MigrationOptions.Lock) async throws {
        try await TestDatabase.with { db in
            let pool = try Self.pool(db)
            let holder = try await Connection.connect(to: db.url)
            let options = MigrationOptions(lock: lock, lockTimeout: .milliseconds(300))
            let key = MigrationLock(kind: lock, options: options)
            switch lock {
            case .advisory:
                _ = try await holder.query("SELECT pg_advisory_lock($1)", [key.advisoryKey])
            case .leaseRow:
                try await holder.executeScript("CREATE TABLE athanor_migrations_lock (name TEXT NOT NULL PRIMARY KEY, holder TEXT NOT NULL, expires_at TIMESTAMPTZ NOT NULL)")
                try await holder.executeScript("INSERT INTO athanor_migrations_lock VALUES ('migrate', 'someone else', now() + INTERVAL '1 hour')")
            }
            await #expect {
                try await Migrator(migrations: [Self.first], options: options).apply(on: pool)
            } throws: { error in
                guard case MigrationError.lockTimeout = error else { return false }
                return true
            }
            #expect(try await count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'a'", on: pool) == 0)
            holder.close()
            await pool.close()
        }
    }
}
