import Athanor
@testable import AthanorTesting
import Foundation
import ShopFixture
import Synchronization
import Testing

extension TestSchema {
    static let shopFixture = TestSchema("ShopFixture", ddl: AthanorSchema.script(for:))
}

/// AthanorTesting against the server: every mode gives an empty database of the schema, and
/// what a test made is gone afterwards, however the test ended.
@Suite(.tags(.postgres))
struct TestDatabaseTests {
    @Test(arguments: TestDatabaseMode.allCases)
    func eachModeGivesAnEmptyDatabaseOfTheSchemaAndCleansUp(mode: TestDatabaseMode) async throws {
        let name = try await TestDatabase.with(.shopFixture, mode: mode) { db in
            let users = UserRepository(db.executor)
            #expect(try await users.count() == 0)
            _ = try await users.create(User(email: "ada@example.com", name: "Ada"))
            #expect(try await users.count() == 1)
            #expect(db.mode == mode)
            return db.name
        }
        switch mode {
        case .database, .template: #expect(try await databaseExists(name) == false)
        case .schema: #expect(try await schemaExists(name) == false)
        case .transaction:
            // The shared database is still there, and the row was rolled back.
            let left = try await TestDatabase.with(.shopFixture, mode: .transaction) { db in
                try await UserRepository(db.executor).count()
            }
            #expect(left == 0)
        }
    }

    @Test(arguments: [TestDatabaseMode.database, .template, .schema])
    func aThrowingTestStillDropsItsDatabase(mode: TestDatabaseMode) async throws {
        struct Boom: Error {}
        let made = Mutex<String?>(nil)
        await #expect(throws: Boom.self) {
            try await TestDatabase.with(.shopFixture, mode: mode) { db in
                made.withLock { $0 = db.name }
                throw Boom()
            }
        }
        let name = try #require(made.withLock { $0 })
        #expect(try await (mode == .schema ? schemaExists(name) : databaseExists(name)) == false)
    }

    @Test func aCancelledTestStillDropsItsDatabase() async throws {
        let made = Mutex<String?>(nil)
        let started = AsyncStream<Void>.makeStream()
        let task = Task {
            try await TestDatabase.with(.shopFixture, mode: .database) { db in
                made.withLock { $0 = db.name }
                started.continuation.yield()
                try await Task.sleep(for: .seconds(600))
            }
        }
        for await _ in started.stream { break }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        let name = try #require(made.withLock { $0 })
        #expect(try await databaseExists(name) == false)
    }

    /// A crash, as the server sees it: the run's session ends (its lock with it) and its databases
    /// stay. Two fake runs, each a connection holding its run's lock: the one whose connection
    /// closes ("crashed") loses its databases to the next reap, the live one keeps them.
    @Test func aCrashedRunsDatabasesAreDroppedAndALiveRunsAreKept() async throws {
        let server = try await TestDatabase.server(for: .postgres)  // skips (or fails) without a server
        let base = server.baseURL
        let crashed = TestRun.make(), live = TestRun.make()
        var sessions: [Connection] = []
        for run in [crashed, live] {
            let session = try await Connection.connect(to: base)
            try await session.executeScript("SELECT pg_advisory_lock(\(TestRun.lockClass), \(run.lockKey))")
            for what in ["1", "template_1"] {
                try await session.executeScript("CREATE DATABASE \(SQLIdentifier.quoted(run.name(what)))")
            }
            sessions.append(session)
        }
        sessions[0].close()  // the crash
        var dropped: [String] = []
        // The server ends the closed session asynchronously: its lock is free within moments.
        for _ in 0..<50 where dropped.isEmpty {
            dropped = try await server.reap()
            if dropped.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(Set(dropped) == [crashed.name("1"), crashed.name("template_1")])
        #expect(try await databaseExists(crashed.name("1")) == false)
        #expect(try await databaseExists(live.name("1")) == true)
        for what in ["1", "template_1"] {
            try await sessions[1].executeScript("DROP DATABASE \(SQLIdentifier.quoted(live.name(what)))")
        }
        sessions[1].close()
    }

    @Test func withoutTheTraitThereIsNoCurrentDatabase() async throws {
        #expect(TestDatabase.current == nil)
    }

    @Test(.database(.shopFixture, mode: .database))
    func theTraitGivesThisTestADatabase() async throws {
        let db = try #require(TestDatabase.current)
        #expect(db.mode == .database)
        #expect(try await UserRepository(db.executor).count() == 0)
        #expect(try await databaseExists(db.name))
    }

    private func databaseExists(_ name: String) async throws -> Bool {
        try await admin { try await $0.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]).count == 1 }
    }

    private func schemaExists(_ name: String) async throws -> Bool {
        // Schema mode's schemas live in the run's shared database.
        let rows = try await admin { try await $0.query("SELECT datname FROM pg_database WHERE datname LIKE '%\\_schemas'") }
        for row in rows {
            var url = try DatabaseURL(try #require(ProcessInfo.processInfo.environment["ATHANOR_TEST_DATABASE_URL"]))
            url.database = try row.decode(String.self, at: 0)
            let connection = try await Connection.connect(to: url)
            defer { connection.close() }
            if try await connection.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [name]).count == 1 { return true }
        }
        return false
    }

    private func admin<T>(_ body: (Connection) async throws -> T) async throws -> T {
        let url = try DatabaseURL(try #require(ProcessInfo.processInfo.environment["ATHANOR_TEST_DATABASE_URL"]))
        let connection = try await Connection.connect(to: url)
        defer { connection.close() }
        return try await body(connection)
    }
}
