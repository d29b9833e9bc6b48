@testable import Athanor
import Logging
import Synchronization
import Testing

@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct ErrorTests {
    static let password = "s3cr3t-Pa55word"

    func passwordURL(replacingPasswordWith replacement: String? = nil) throws -> DatabaseURL {
        guard let text = TestEnvironment.passwordURL else {
            Issue.record("ATHANOR_TEST_PASSWORD_URL is not set")
            throw AthanorError.misuse("no password URL")
        }
        return try DatabaseURL(replacement.map { text.replacing(Self.password, with: $0) } ?? text)
    }

    @Test func theRightPasswordConnects() async throws {
        let connection = try await Connection.connect(to: passwordURL())
        #expect(try await connection.query("SELECT current_user::text")[0].decode(String.self, at: 0) == "athanor_password")
        #expect(!connection.url.description.contains(Self.password))
    }

    @Test func aWrongPasswordIs28P01AndNeverShowsAPassword() async throws {
        let wrong = "wr0ng-Pa55word"
        let url = try passwordURL(replacingPasswordWith: wrong)
        do {
            _ = try await Connection.connect(to: url)
            Issue.record("expected a connection failure")
        } catch {
            #expect(error.sqlState == .invalidPassword)
            for text in [error.description, error.debugDescription, "\(error)", String(reflecting: error), url.description] {
                #expect(!text.contains(wrong))
                #expect(!text.contains(Self.password))
            }
        }
    }

    @Test func poolTimeoutsAndLogsNeverShowThePassword() async throws {
        let wrong = "an0ther-Pa55word"
        let (logger, handler) = Logger.recording()
        let pool = ConnectionPool(url: try passwordURL(replacingPasswordWith: wrong),
                                  configuration: .init(timeout: .seconds(4), logger: logger))
        do {
            try await pool.withConnection { _ in }
            Issue.record("expected a timeout")
        } catch let error as AthanorError {
            #expect(error.isPoolTimeout)
            #expect(error.description.contains("28P01"))
            #expect(!error.debugDescription.contains(wrong))
            #expect(!String(reflecting: error).contains(wrong))
        }
        await pool.close()
        let logged = handler.allTexts
        #expect(!logged.isEmpty)
        #expect(logged.allSatisfy { !$0.contains(wrong) })
        // The failed attempts carry the pool's metadata and the server's SQLSTATE.
        let connectEntries = handler.entries.filter { "\($0.message)".contains("connecting to") }
        #expect(!connectEntries.isEmpty)
        #expect(connectEntries.allSatisfy { $0.metadata[AthanorLogMetadata.sqlState] == "28P01" })
        #expect(connectEntries.allSatisfy { $0.metadata[AthanorLogMetadata.host] == "\(pool.url.endpoints.map(\.host).joined(separator: ","))" })
    }

    /// Known issue #5: a pool that keeps failing to connect warns once per host and cause, not
    /// once per attempt; the repeats go to `debug`.
    @Test func aWrongPasswordWarnsOncePerPool() async throws {
        let (logger, handler) = Logger.recording()
        let pool = ConnectionPool(url: try passwordURL(replacingPasswordWith: "wr0ng-again"),
                                  configuration: .init(timeout: .seconds(2), logger: logger))
        for _ in 0..<2 {
            do {
                try await pool.withConnection { _ in }
                Issue.record("expected a timeout")
            } catch let error as AthanorError {
                #expect(error.isPoolTimeout && error.description.contains("28P01"))
            }
        }
        await pool.close()
        let logged = handler.entries.filter { "\($0.message)".contains("connecting to") }.map(\.level)
        #expect(logged.filter { $0 == .warning }.count == 1)
        #expect(logged.count > 1)
    }

    @Test func serverErrorsCarryTheirFields() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            try await conn.executeScript("""
                CREATE TABLE parent (id int PRIMARY KEY);
                CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent (id));
                """)
            do {
                try await conn.execute("INSERT INTO child VALUES (1, $1)", [Int32(7)])
                Issue.record("expected a foreign key violation")
            } catch let error as AthanorError {
                #expect(error.isForeignKeyViolation)
                let server = try #require(error.serverError)
                #expect(server.severity == "ERROR")
                #expect(server.constraint == "child_parent_id_fkey")
                #expect(server.table == "child")
                #expect(server.detail?.contains("7") == true)
                #expect(!error.description.contains("7)"))
            }
            do {
                try await conn.execute("INSERT INTO child (id) VALUES (2)")
                Issue.record("expected a not-null violation")
            } catch let error as AthanorError {
                #expect(error.isNotNullViolation)
                #expect(error.serverError?.column == "parent_id")
            }
            do {
                _ = try await conn.query("SELEC 1")
                Issue.record("expected a syntax error")
            } catch let error as AthanorError {
                #expect(error.sqlState == .syntaxError)
            }
            #expect(try await conn.query("SELECT 1::int8")[0].decode(Int.self, at: 0) == 1)
        }
    }
}
