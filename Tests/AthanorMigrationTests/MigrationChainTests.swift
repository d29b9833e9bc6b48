import Athanor
import AthanorCompiler
import Testing

/// Nine schema versions that together use every kind of change the diff makes, applied one by
/// one to a PostgreSQL database holding rows: after each, the catalog read back from
/// `pg_catalog` equals `createTables` of that version in an empty schema, and the rows are
/// still there (moved to renamed columns and tables, defaults filled).
@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct MigrationChainTests {
    static let versions: [(name: String, schema: String)] = [
        ("v1_create", """
        enum Status { active
         banned }
        model User: UUIDAuditBase {
            table "users"
            email: String @unique
            name: String
            nickname: String?
            rating: Float?
            legacy: String?
        }
        model Post: UUIDBase {
            authorID: UUID @references(User, onDelete: cascade)
            title: String
            body: String?
            @@index(authorID)
        }
        """),
        ("v2_add", """
        enum Status { active
         banned }
        model User: UUIDAuditBase {
            table "users"
            email: String @unique
            name: String
            nickname: String?
            rating: Float?
            legacy: String?
            loginCount: Int32 = 0
            bio: String?
            @@index(loginCount, hashSharded: true)
        }
        model Post: UUIDBase {
            authorID: UUID @references(User, onDelete: cascade)
            title: String
            body: String?
            tags: [String] = []
            @@index(authorID)
            @@unique(authorID, title)
        }
        """),
        ("v3_rename", """
        enum Status { active
         banned }
        model User: UUIDAuditBase {
            table "users"
            email: String @unique
            fullName: String @renamed(from: "name")
            nickname: String?
            rating: Float?
            legacy: String?
            loginCount: Int32 = 0
            bio: String?
            @@index(loginCount, hashSharded: true)
        }
        model Article: UUIDBase {
            @@renamed(from: "Post")
            authorID: UUID @references(User, onDelete: cascade)
            headline: String @renamed(from: "title")
            body: String?
            tags: [String] = []
            @@index(authorID)
            @@unique(authorID, headline)
        }
        """),
        ("v4_enum", """
        enum Status { pending
         active
         suspended
         banned }
        model User: UUIDAuditBase {
            table "users"
            email: String @unique
            fullName: String
            nickname: String?
            rating: Float?
            legacy: String?
            loginCount: Int32 = 0
            bio: String?
            status: Status = pending
            @@index(loginCount, hashSharded: true)
        }
        model Article: UUIDBase {
            authorID: UUID @references(User, onDelete: cascade)
            headline: String
            body: String?
            tags: [String] = []
            @@index(authorID)
            @@unique(authorID, headline)
        }
        """),
        ("v5_nullability", """
        enum Status { pending
         active
         suspended
         banned }
        model User: UUIDAuditBase {
            table "users"
            email: String @unique
            fullName: String?
            nickname: String = "anon"
            rating: Float?
            legacy: String?
            loginCount: Int32 = 1
            bio: String? = "none"
            status: Status = pending
            @@index(loginCount, hashSharded: true)
        }
        model Article: UUIDBase {
            authorID: UUID @references(User, onDelete: cascade)
            headline: String
            body: String = ""
            tags: [String] = []
            @@index(authorID)
            @@unique(authorID, headline)
        }
        """),
        ("v6_widen", """
        enum Status { pending
         active
         suspended
         banned }
        model User: UUIDAuditBase {
            table "users"
            email: String @unique
            fullName: String?
            nickname: String = "anon"
            rating: Double?
            legacy: String?
            loginCount: Int64 = 1
            bio: String? = "none"
            status: Status = pending
            @@index(loginCount, hashSharded: true)
        }
        model Article: UUIDBase {
            authorID: UUID @references(User, onDelete: cascade)
            headline: String
            body: String = ""
            tags: [String] = []
            @@index(authorID)
            @@unique(authorID, headline)
        }
        """),
        ("v7_references", """
        enum Status { pending
         active
         suspended
         banned }
        model User: UUIDAuditBase {
            table "users"
            email: String @unique
            fullName: String?
            nickname: String = "anon"
            rating: Double?
            legacy: String?
            loginCount: Int64 = 1
            bio: String? = "none"
            status: Status = pending
            @@index(loginCount, hashSharded: true)
        }
        model Article: UUIDBase {
            authorID: UUID @references(User, onDelete: restrict)
            editorID: UUID? @references(User, onDelete: setNull)
            headline: String
            body: String = ""
            tags: [String] = []
            @@index(authorID)
            @@index(editorID)
            @@unique(authorID, headline)
        }
        model Comment: BigIntAuditBase {
            articleID: UUID? @references(Article, onDelete: setNull)
            text: String
            @@index(articleID)
        }
        """),
        ("v8_drop", """
        model User: UUIDAuditBase {
            table "users"
            email: String @unique
            fullName: String?
            nickname: String = "anon"
            rating: Double?
            loginCount: Int64 = 1
            bio: String? = "none"
        }
        model Article: UUIDBase {
            authorID: UUID @references(User, onDelete: restrict)
            editorID: UUID? @references(User, onDelete: setNull)
            headline: String
            body: String = ""
            tags: [String] = []
            @@index(authorID)
            @@index(editorID)
        }
        """),
        ("v9_tables", """
        model User: UUIDAuditBase {
            table "members"
            email: String @unique
            fullName: String?
            nickname: String = "anon"
            rating: Double?
            loginCount: Int64 = 1
            bio: String? = "none"
        }
        model Article: UUIDBase {
            table "posts"
            authorID: UUID @references(User, onDelete: restrict)
            editorID: UUID? @references(User, onDelete: setNull)
            headline: String
            body: String = ""
            tags: [String] = []
            @@index(authorID)
            @@index(editorID)
        }
        model Team: UUIDBase {
            captainID: UUID? @references(Player)
            @@index(captainID)
        }
        model Player: UUIDBase {
            teamID: UUID? @references(Team, onDelete: setNull)
            @@index(teamID)
        }
        """),
    ]

    func value(_ sql: String, on pool: ConnectionPool) async throws -> String {
        let rows = try await pool.query(sql, [], idempotent: true)
        return rows[0].isNull(at: 0) ? "NULL" : try rows[0].decode(String.self, at: 0)
    }

    @Test(arguments: [MigrationOptions.Mode.transactional, .perStatement])
    func nineVersionsStepByStepKeepTheRows(mode: MigrationOptions.Mode) async throws {
        try await TestDatabase.with { db in
            let pool = ConnectionPool(url: db.url, configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
            let options = MigrationOptions(mode: mode)
            var chain = MigrationChain()
            var previous: String?
            for (name, schema) in Self.versions {
                _ = try #require(try chain.next(schema, name: name))
                try await chain.applyAndCompare(schema, on: pool, options: options)
                if let previous {
                    let drift = try await SchemaDrift.differences(expecting: try MigrationChain.createTables(previous), on: pool)
                    #expect(!drift.isEmpty, "the comparison sees the change of \(name)")
                }
                try await checkRows(after: name, on: pool)
                previous = schema
            }
            #expect(chain.migrations.count == 9)
            await pool.close()
        }
    }

    /// The rows written at v1, and what each later step must have done to them.
    func checkRows(after version: String, on pool: ConnectionPool) async throws {
        switch version {
        case "v1_create":
            try await pool.execute("""
                INSERT INTO users (email, name, nickname, rating, legacy) VALUES ('ada@x', 'Ada', NULL, 1.5, 'l'), ('bob@x', 'Bob', 'bobby', NULL, NULL);
                """, [])
            try await pool.execute("""
                INSERT INTO post (author_id, title, body) SELECT id, 'T-' || name, NULL FROM users;
                """, [])
        case "v2_add":
            #expect(try await value("SELECT string_agg(login_count::TEXT, ',') FROM users", on: pool) == "0,0")
            #expect(try await value("SELECT string_agg(tags::TEXT, ',') FROM post", on: pool) == "{},{}")
        case "v3_rename":
            #expect(try await value("SELECT string_agg(full_name, ',' ORDER BY full_name) FROM users", on: pool) == "Ada,Bob")
            #expect(try await value("SELECT string_agg(headline, ',' ORDER BY headline) FROM article", on: pool) == "T-Ada,T-Bob")
        case "v4_enum":
            #expect(try await value("SELECT string_agg(status::TEXT, ',') FROM users", on: pool) == "pending,pending")
        case "v5_nullability":
            #expect(try await value("SELECT string_agg(nickname, ',' ORDER BY email) FROM users", on: pool) == "anon,bobby")
            #expect(try await value("SELECT string_agg(body, ',') FROM article", on: pool) == ",")
        case "v6_widen":
            #expect(try await value("SELECT pg_typeof(login_count)::TEXT FROM users LIMIT 1", on: pool) == "bigint")
            #expect(try await value("SELECT string_agg(rating::TEXT, ',') FROM users WHERE rating IS NOT NULL", on: pool) == "1.5")
        case "v7_references":
            try await pool.execute("INSERT INTO comment (article_id, text) SELECT id, 'c' FROM article", [])
        case "v8_drop":
            #expect(try await value("SELECT count(*)::TEXT FROM information_schema.tables WHERE table_name = 'comment'", on: pool) == "0")
            #expect(try await value("SELECT count(*)::TEXT FROM users", on: pool) == "2")
        case "v9_tables":
            #expect(try await value("SELECT string_agg(email, ',' ORDER BY email) FROM members", on: pool) == "ada@x,bob@x")
            #expect(try await value("SELECT count(*)::TEXT FROM posts JOIN members ON members.id = posts.author_id", on: pool) == "2")
        default:
            Issue.record("no row check for \(version)")
        }
    }
}
