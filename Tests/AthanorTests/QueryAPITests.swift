@testable import Athanor
import FoundationEssentials
import Testing

struct Preferences: Codable, Equatable, Sendable {
    var theme: String
    var size: Int
}

struct User: Decodable, Equatable {
    var id: UUID
    var email: String
    var nickname: String?
    var loginCount: Int64
    var preferences: Preferences
    var roles: [String]
    var mood: Mood
    var createdAt: Date
}

@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct QueryAPITests {
    static let schema = """
        CREATE TYPE mood AS ENUM ('happy', 'sad');
        CREATE TABLE users (
            id uuid PRIMARY KEY, email text UNIQUE NOT NULL, nickname text, login_count int8 NOT NULL DEFAULT 0,
            preferences jsonb NOT NULL, roles text[] NOT NULL, mood mood NOT NULL, created_at timestamptz NOT NULL);
        """

    /// Values are bound, never spliced: SQL in a value is stored as it is, in every form.
    @Test(arguments: [
        "'); DROP TABLE notes; --", "$1", "'' OR 1=1", "\\'; SELECT pg_sleep(10); --", "/* */ COMMIT; ROLLBACK;",
        "\u{202E}gnp.exe", String(repeating: "'", count: 1_000),
    ])
    func injectionStringsAreStoredVerbatim(value: String) async throws {
        try await TestDatabase.with { db in
            let pool = ConnectionPool(url: db.url, configuration: .init(size: 1, logger: .silent))
            try await pool.execute("CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)")
            try await pool.execute("INSERT INTO notes VALUES ($1, $2)", [Int32(1), value])
            let rows = try await pool.query("SELECT body FROM notes WHERE body = $1", [value])
            #expect(try rows.map { try $0.decode(String.self, at: 0) } == [value])
            try await pool.withConnection { conn in
                _ = try await conn.pipeline([Statement("INSERT INTO notes VALUES ($1, $2)", [Int32(2), value])])
                #expect(try await conn.copy(into: "notes", columns: ["id", "body"], rows: [[Int32(3), value]]) == 1)
            }
            #expect(try await pool.query("SELECT count(*) FROM notes WHERE body = $1", [value])[0].decode(Int.self, at: 0) == 3)
            await pool.close()
        }
    }

    @Test func rowsDecodeIntoDecodableTypesByColumnName() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            try await conn.executeScript(Self.schema)
            let id = UUID()
            let now = Date(timeIntervalSinceReferenceDate: 800_000_000.123456)
            try await conn.execute(
                "INSERT INTO users VALUES ($1, $2, $3, $4, $5, $6, $7::mood, $8)",
                [id, "a@x", String?.none, Int64(3), try JSONB(encoding: Preferences(theme: "dark", size: 2)),
                 ["user", "admin"], Mood.sad, now])
            let users = try await conn.query("SELECT * FROM users").decode(User.self)
            #expect(users == [User(id: id, email: "a@x", nickname: nil, loginCount: 3,
                                   preferences: Preferences(theme: "dark", size: 2), roles: ["user", "admin"],
                                   mood: .sad, createdAt: now)])
            let rows = try await conn.query("SELECT email, mood FROM users")
            #expect(rows.columnNames == ["email", "mood"])
            #expect(try rows[0].decode(String.self, column: "email") == "a@x")
            #expect(try rows[0].decode(Mood.self, column: "mood") == .sad)
            #expect(throws: AthanorError.self) { try rows[0].decode(String.self, column: "nope") }
        }
    }

    /// A key with an acronym reads the column the DDL would name it (one snake_case rule):
    /// `primaryURLHost` reads `primary_url_host`, `userIDs` reads `user_ids`.
    @Test func decodableKeysFollowTheDDLsSnakeCaseRule() async throws {
        struct Link: Decodable, Equatable {
            var primaryURLHost: String
            var userIDs: [Int32]
        }
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            let rows = try await conn.query("SELECT 'db1' AS primary_url_host, ARRAY[1, 2] AS user_ids")
            #expect(try rows.decode(Link.self) == [Link(primaryURLHost: "db1", userIDs: [1, 2])])
            conn.close()
        }
    }

    @Test func arraysBindForUnnestBulkStatements() async throws {
        try await TestDatabase.with { db in
            let pool = ConnectionPool(url: db.url, configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
            try await pool.withConnection { conn in try await conn.executeScript(Self.schema) }
            let count = 5000
            let ids = (0..<count).map { _ in UUID() }
            let emails = (0..<count).map { "u\($0)@x" }
            let nicknames: [String?] = (0..<count).map { $0 % 3 == 0 ? nil : "nick\($0)" }
            let prefs = (0..<count).map { _ in JSONB(json: #"{"theme": "light", "size": 1}"#) }
            let sql = """
                INSERT INTO users (id, email, nickname, preferences, roles, mood, created_at)
                SELECT id, email, nickname, preferences, '{user}', 'happy', now()
                FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[]) AS u (id, email, nickname, preferences)
                ON CONFLICT (email) DO UPDATE SET nickname = excluded.nickname
                RETURNING id
                """
            let inserted = try await pool.query(sql, [ids, emails, nicknames, prefs])
            #expect(inserted.count == count)
            let again = try await pool.query(sql, [ids.map { _ in UUID() }, emails, nicknames, prefs])
            #expect(Set(try again.map { try $0.decode(UUID.self, at: 0) }) == Set(ids))
            let nulls = try await pool.query("SELECT count(*) FROM users WHERE nickname IS NULL")
            #expect(try nulls[0].decode(Int.self, at: 0) == (count + 2) / 3)
            await pool.close()
        }
    }

    @Test func pipelinesRunInOneRoundTripAllOrNothing() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            try await conn.executeScript("CREATE TABLE p (n int PRIMARY KEY)")
            let before = conn.roundTrips
            let results = try await conn.pipeline((1...100).map { Statement("INSERT INTO p VALUES ($1) RETURNING n", [Int32($0)]) })
            #expect(conn.roundTrips - before == 1)
            #expect(results.count == 100)
            #expect(try results[99][0].decode(Int32.self, at: 0) == 100)
            await #expect(throws: AthanorError.self) {
                try await conn.pipeline([Statement("INSERT INTO p VALUES (1000)"), Statement("INSERT INTO p VALUES (1)")])
            }
            let count = try await conn.query("SELECT count(*) FROM p")[0].decode(Int.self, at: 0)
            #expect(count == 100)
        }
    }

    @Test func preparedStatementsAreCachedAndBounded() async throws {
        try await TestDatabase.with { db in
            let conn = try Connection.connectBlocking(to: db.url, statementCacheCapacity: 4)
            let before = conn.roundTrips
            for _ in 0..<3 { _ = try conn.query("SELECT $1::int8", [1]) }
            #expect(conn.roundTrips - before == 4)
            for n in 0..<10 { _ = try conn.query("SELECT \(n)::int8 + $1", [1]) }
            let prepared = try conn.query("SELECT count(*) FROM pg_prepared_statements")[0].decode(Int.self, at: 0)
            #expect(prepared <= 5)
            #expect(conn.statements.count <= 4)
        }
    }
}

@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct ExecutorAndDialectTests {
    func one(_ db: some DatabaseExecutor) async throws -> Int {
        try await db.query("SELECT 1::int8", [], idempotent: true)[0].decode(Int.self, at: 0)
    }

    @Test func poolsTransactionsAndConnectionsShareOneExecutorAPI() async throws {
        try await TestDatabase.with { db in
            let pool = ConnectionPool(url: db.url, configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
            #expect(try await one(pool) == 1)
            let inTransaction = try await pool.transaction { tx in try await one(tx) }
            #expect(inTransaction == 1)
            #expect(try await pool.withConnection { conn in try await one(conn) } == 1)
            await pool.close()
        }
    }

    /// What a generated `createMany` does: one statement per chunk, all chunks in one transaction.
    func insertInChunks(_ db: some DatabaseExecutor, _ values: [Int32], fail: Bool = false) async throws {
        try await db.inTransaction { tx in
            for start in stride(from: 0, to: values.count, by: 10) {
                let chunk = Array(values[start..<min(start + 10, values.count)])
                _ = try await tx.query("INSERT INTO c SELECT * FROM unnest($1::int4[])", [chunk], idempotent: false)
            }
            if fail { throw Marker() }
        }
    }

    @Test func chunkedWritesCommitTogetherOnEveryExecutor() async throws {
        try await TestDatabase.with { db in
            let pool = ConnectionPool(url: db.url, configuration: .init(size: 2, maxOverflow: 0, logger: .silent))
            try await pool.execute("CREATE TABLE c (n int4)")
            try await insertInChunks(pool, Array(0..<25))
            try await pool.transaction { tx in try await insertInChunks(tx, Array(100..<125)) }
            try await pool.withConnection { conn in try await insertInChunks(conn, Array(200..<225)) }
            await #expect(throws: Marker.self) { try await insertInChunks(pool, Array(300..<325), fail: true) }
            await #expect(throws: Marker.self) {
                try await pool.withConnection { conn in try await insertInChunks(conn, Array(400..<425), fail: true) }
            }
            let count = try await pool.query("SELECT count(*) FROM c")[0].decode(Int.self, at: 0)
            #expect(count == 75)
            let blocking = try await runOnThread {
                try pool.inTransactionBlocking { tx in
                    _ = try tx.queryBlocking("INSERT INTO c VALUES (1)", [], idempotent: false)
                    return try tx.queryBlocking("SELECT count(*) FROM c", [], idempotent: true)[0].decode(Int.self, at: 0)
                }
            }
            #expect(blocking == 76)
            await pool.close()
        }
    }

    @Test func aSchemeThatNamesAnotherProductIsAnErrorWhenStrict() async throws {
        try await TestDatabase.with { db in
            var url = db.url
            url.scheme = "cockroachdb"
            url.dialect = .cockroachdb
            let pool = ConnectionPool(url: url, configuration: .init(size: 1, maxOverflow: 0, strictDialect: true, logger: .silent))
            do {
                try await pool.withConnection { _ in }
                Issue.record("expected a dialect mismatch")
            } catch let error as AthanorError {
                guard case .dialectMismatch(let expected, let server) = error else { Issue.record("wrong error"); return }
                #expect(expected == .cockroachdb)
                #expect(server == .postgresql)
            }
            await pool.close()
        }
    }
}

@Suite(.tags(.cockroachdb), .enabled(if: TestEnvironment.cockroachURL != nil))
struct CockroachTests {
    @Test func retriesFollowTheCockroachRestartProtocol() async throws {
        let url = try DatabaseURL(TestEnvironment.cockroachURL ?? "")
        let pool = ConnectionPool(url: url, configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
        let dialect = try await pool.withConnection { $0.serverDialect }
        #expect(dialect == .cockroachdb)
        try await pool.execute("CREATE TABLE IF NOT EXISTS athanor_retry (id INT PRIMARY KEY, n INT)")
        try await pool.execute("UPSERT INTO athanor_retry VALUES (1, 0)")
        try await pool.transaction { tx in
            try await tx.execute("SET inject_retry_errors_enabled = 'true'")
            try await tx.execute("UPDATE athanor_retry SET n = n + 1 WHERE id = 1")
        }
        #expect(pool.counters.retries > 0)
        try await pool.execute("SET inject_retry_errors_enabled = 'false'")
        await pool.close()
    }
}
