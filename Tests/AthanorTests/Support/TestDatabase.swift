import Athanor
import FoundationEssentials
import Glibc
import Testing

extension Tag {
    /// Tests that need a PostgreSQL server (`ATHANOR_TEST_DATABASE_URL`).
    @Tag static var postgres: Self
    /// Tests that need a CockroachDB server (`ATHANOR_TEST_COCKROACHDB_URL`).
    @Tag static var cockroachdb: Self
}

enum TestEnvironment {
    static func variable(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    static var isCI: Bool { variable("CI") == "true" }
    static var postgresURL: String? { variable("ATHANOR_TEST_DATABASE_URL") }
    static var passwordURL: String? { variable("ATHANOR_TEST_PASSWORD_URL") }
    static var cockroachURL: String? { variable("ATHANOR_TEST_COCKROACHDB_URL") }

    /// Server tests run when the URL is set; under CI they also "run" without it, and fail.
    static var postgresEnabled: Bool { postgresURL != nil || isCI }
}

/// A database of its own for one test: `athanor_test_<uuid>`, dropped afterwards.
struct TestDatabase: Sendable {
    let url: DatabaseURL
    let name: String

    static func adminURL(_ variable: String? = TestEnvironment.postgresURL) throws -> DatabaseURL {
        guard let text = variable else {
            Issue.record("ATHANOR_TEST_DATABASE_URL is not set (run under scripts/test)")
            throw AthanorError.misuse("no test database")
        }
        return try DatabaseURL(text)
    }

    static func with<T>(_ body: (TestDatabase) async throws -> T) async throws -> T {
        let admin = try adminURL()
        let name = "athanor_test_" + UUID().uuidString.lowercased().replacing("-", with: "")
        let connection = try await Connection.connect(to: admin)
        try await connection.executeScript("CREATE DATABASE \(SQLIdentifier.quoted(name))")
        var url = admin
        url.database = name
        let database = TestDatabase(url: url, name: name)
        do {
            let result = try await body(database)
            try await connection.executeScript("DROP DATABASE \(SQLIdentifier.quoted(name)) WITH (FORCE)")
            return result
        } catch {
            try? await connection.executeScript("DROP DATABASE \(SQLIdentifier.quoted(name)) WITH (FORCE)")
            throw error
        }
    }
}
