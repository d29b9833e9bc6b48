@testable import Athanor
import Logging
import Synchronization
import Testing

struct ProtocolAndErrorTextTests {
    @Test func transactionStatementsFollowTheDialect() {
        let postgres = TransactionProtocol(dialect: .postgresql, isolation: .serializable, readOnly: false)
        #expect(postgres.begin == "BEGIN ISOLATION LEVEL SERIALIZABLE")
        let cockroach = TransactionProtocol(dialect: .cockroachdb, isolation: nil, readOnly: true)
        #expect(cockroach.begin == "BEGIN READ ONLY; SAVEPOINT cockroach_restart")
        #expect(cockroach.openStatements == ["BEGIN READ ONLY", "SAVEPOINT cockroach_restart"])
        #expect(postgres.openStatements == ["BEGIN ISOLATION LEVEL SERIALIZABLE"])
    }

    @Test func descriptionsNameCodesAndObjectsButNoValues() {
        let server = ServerError(sqlState: .uniqueViolation, message: "duplicate key value",
                                 detail: "Key (email)=(a@x) already exists.", constraint: "users_email_key", table: "users")
        let error = AthanorError.server(server)
        #expect(error.description == "23505 unique_violation on constraint users_email_key (table users)")
        #expect(error.debugDescription.contains("a@x"))
        // A schema created twice: the condition is named, not only "42P07 error".
        #expect(AthanorError.server(ServerError(sqlState: SQLState(rawValue: "42P07"), message: "relation \"pet\" already exists")).description
            == "42P07 duplicate_table")
        #expect(SQLState(rawValue: "42710").conditionName == "duplicate_object")
        let lost = AthanorError.connectionLost(ConnectionFailure(host: "db", port: "5432", message: "server closed", writeInFlight: true))
        #expect(lost.description == "connection to db:5432 lost with a statement in flight")
        let ambiguous = AthanorError.ambiguousCommit(underlying: AmbiguousCause(statement: "COMMIT", server: ServerError(
            sqlState: .statementCompletionUnknown, message: "result is ambiguous")))
        #expect(ambiguous.description == "ambiguous commit: the outcome of COMMIT is unknown (40003 statement_completion_unknown)")
        #expect(!ambiguous.isSerializationFailure)
        #expect(AthanorError.server(ServerError(sqlState: .adminShutdown, message: "")).isDisconnect)
        #expect(SQLState.connectionFailure.isDisconnect)
        #expect(!SQLState.uniqueViolation.isDisconnect)
    }

    @Test func connectFailuresAreClassifiedFromTheServersStartupMessage() {
        #expect(ConnectFailureClassifier.sqlState(of: "connection to server at \"h\" failed: FATAL:  password authentication failed for user \"u\"") == .invalidPassword)
        #expect(ConnectFailureClassifier.sqlState(of: "connection to server failed: FATAL:  database \"x\" does not exist") == .invalidCatalogName)
        #expect(ConnectFailureClassifier.sqlState(of: "connection refused") == nil)
    }
}

@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct LoggingTests {
    /// A parameter value that must not appear in the log.
    static let sleepSeconds = 0.6123

    @Test func retriesAreLoggedAtDebugAndLongLeasesWarned() async throws {
        try await TestDatabase.with { db in
            let (logger, handler) = Logger.recording()
            let pool = ConnectionPool(url: db.url, configuration: .init(
                size: 1, maxOverflow: 0, leaseWarningThreshold: .milliseconds(100), logger: logger))
            let runs = Atomic<Int>(0)
            try await pool.transaction { tx in
                if runs.add(1, ordering: .relaxed).newValue == 1 {
                    throw AthanorError.server(ServerError(sqlState: .serializationFailure, message: "injected"))
                }
                _ = try await tx.query("SELECT pg_sleep($1::float8)", [Self.sleepSeconds])
            }
            await pool.close()
            let logged = handler.lines
            #expect(logged.contains { $0.hasPrefix("debug retrying transaction") })
            #expect(logged.contains { $0.hasPrefix("warning a connection has been leased for") })
            let retry = handler.entries.first { "\($0.message)".hasPrefix("retrying") }
            #expect(retry?.metadata[AthanorLogMetadata.sqlState] == "40001")
            #expect(retry?.metadata[AthanorLogMetadata.host] == "\(pool.url.endpoints.map(\.host).joined(separator: ","))")
            #expect(handler.entries.allSatisfy { $0.metadata[AthanorLogMetadata.pool] != nil })
            // Neither the parameter's value nor the URL's password reaches the log.
            let texts = handler.allTexts
            #expect(!texts.contains { $0.contains("0.6123") })
            if let password = db.url.password, !password.isEmpty {
                #expect(!texts.contains { $0.contains(password) })
            }
        }
    }
}
