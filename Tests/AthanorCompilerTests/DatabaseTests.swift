import AthanorCompiler
import Foundation
import Testing

extension Tag {
    /// Tests that need a PostgreSQL server (`ATHANOR_TEST_DATABASE_URL`); `scripts/test` starts one.
    @Tag static var postgres: Self
}

enum DatabaseEnvironment {
    static let url = ProcessInfo.processInfo.environment["ATHANOR_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
}

/// In CI the database tests must run: a missing server is a failure there, not a skip.
@Test(.tags(.postgres)) func databaseIsAvailableInCI() {
    if DatabaseEnvironment.isCI {
        #expect(DatabaseEnvironment.url != nil, "CI=true but ATHANOR_TEST_DATABASE_URL is not set: run the tests with scripts/test")
    }
}

/// Applies the PostgreSQL DDL of every schema in `schemas/` to a real server, each in a fresh
/// database, and checks the tables, columns, types, defaults, constraints and indexes it made.
@Suite(.tags(.postgres), .enabled(if: DatabaseEnvironment.url != nil, "set ATHANOR_TEST_DATABASE_URL (scripts/test does)"))
struct DatabaseTests {
    /// Every top-level `.schema` file is one schema; every top-level folder is one schema of all its files.
    static var schemaNames: [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: RepositoryFiles.schemas.path)) ?? []
        return entries.filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func everySchemaIsFound() {
        #expect(Self.schemaNames.count >= 4)
    }

    @Test(arguments: DatabaseTests.schemaNames)
    func appliesAndProducesTheCatalog(_ name: String) throws {
        let psql = PSQL(serverURL: try #require(DatabaseEnvironment.url))
        let url = RepositoryFiles.schemas.appending(path: name)
        let files = url.pathExtension == "schema" ? [url] : RepositoryFiles.schemaFiles(in: url)
        let sources = try files.map { SourceFile(path: $0.lastPathComponent, text: try RepositoryFiles.text($0)) }
        let result = Compiler.compile(sources: sources, options: CompilerOptions(dialects: [.postgresql]))
        let catalog = try #require(result.catalog, "\(DiagnosticFormatter(sources: sources).format(result.diagnostics))")
        let ddl = try #require(result.ddl[.postgresql])
        try psql.withTemporaryDatabase { database in
            try psql.run(ddl, database: database)
            try CatalogProbe(psql: psql, database: database, catalog: catalog).verify()
        }
    }
}
