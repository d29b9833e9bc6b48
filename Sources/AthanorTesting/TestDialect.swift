import Athanor
import Foundation
import Testing

/// The server a database test runs against, each with its base URL in an environment variable:
/// `ATHANOR_TEST_DATABASE_URL` for PostgreSQL, `ATHANOR_TEST_COCKROACHDB_URL` for CockroachDB.
///
/// Run one body once per configured server with a parameterised test:
///
/// ```swift
/// @Test(.tags(.postgres, .cockroachdb), arguments: TestDialect.configured)
/// func upsertKeepsTheID(dialect: TestDialect) async throws {
///     try await TestDatabase.with(.shop, dialect: dialect) { db in ... }
/// }
/// ```
public enum TestDialect: String, Sendable, CaseIterable, CustomTestStringConvertible {
    /// PostgreSQL, from `ATHANOR_TEST_DATABASE_URL`.
    case postgres
    /// CockroachDB, from `ATHANOR_TEST_COCKROACHDB_URL`.
    case cockroachdb

    /// The environment variable that holds this server's base URL (a user allowed to create
    /// databases, connected to any database of the server).
    public var variable: String {
        switch self {
        case .postgres: "ATHANOR_TEST_DATABASE_URL"
        case .cockroachdb: "ATHANOR_TEST_COCKROACHDB_URL"
        }
    }

    /// The tag of tests against this server.
    public var tag: Tag {
        switch self {
        case .postgres: .postgres
        case .cockroachdb: .cockroachdb
        }
    }

    /// The SQL dialect the server speaks.
    public var sqlDialect: SQLDialect {
        switch self {
        case .postgres: .postgresql
        case .cockroachdb: .cockroachdb
        }
    }

    /// `postgres` or `cockroachdb`, in test names of parameterised tests.
    public var testDescription: String { rawValue }

    /// The dialects a parameterised test runs on: each whose variable is set or which
    /// `ATHANOR_REQUIRE_DATABASE` requires; `[.postgres]` when there is none, so that the test
    /// is reported as skipped (naming the variable) rather than vanishing.
    public static var configured: [TestDialect] { configured(environment: ProcessInfo.processInfo.environment) }

    /// ``configured`` for a given environment.
    public static func configured(environment: [String: String]) -> [TestDialect] {
        let dialects = allCases.filter {
            if case .skipped = $0.availability(environment: environment) { return false }
            return true
        }
        return dialects.isEmpty ? [.postgres] : dialects
    }

    /// Whether a test on this server can run, is skipped, or must fail, in `environment`:
    /// the URL when the variable is set; else a failure when `ATHANOR_REQUIRE_DATABASE` (a
    /// comma-separated list: `postgres`, `postgres,cockroachdb`) names this server, and a skip
    /// otherwise. Both reasons name the variable.
    public func availability(environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseAvailability {
        if let url = environment[variable], !url.isEmpty { return .available(url: url) }
        let required = (environment["ATHANOR_REQUIRE_DATABASE"] ?? "").lowercased().split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let names: Set<String> = self == .postgres ? ["postgres", "postgresql"] : ["cockroachdb", "cockroach"]
        if required.contains(where: names.contains) {
            return .required(reason: "\(variable) is not set, and ATHANOR_REQUIRE_DATABASE=\(environment["ATHANOR_REQUIRE_DATABASE"] ?? "") requires a \(sqlDialect.productName) server")
        }
        return .skipped(reason: "\(variable) is not set: skipped (set it to a \(sqlDialect.productName) URL, or run 'athanor dev start'\(self == .cockroachdb ? " --cockroachdb" : "") and use its URL)")
    }
}

/// What ``TestDialect/availability(environment:)`` decides.
public enum DatabaseAvailability: Sendable, Equatable {
    /// The variable holds this base URL: the test runs.
    case available(url: String)
    /// The variable is missing and nothing requires it: the test is skipped with this reason.
    case skipped(reason: String)
    /// The variable is missing but `ATHANOR_REQUIRE_DATABASE` requires it: the test fails.
    case required(reason: String)
}
