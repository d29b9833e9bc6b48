import Athanor
import Foundation
import Testing

/// Four `athanor migrate apply` processes (four replicas starting at once) against one
/// database, with each lock kind: every migration is applied exactly once, by one of them.
@Suite struct MigrateApplyProcessTests {
    /// Each migration creates a table, fills a row and sleeps a little, so that the four
    /// processes overlap; a migration applied twice would fail (`CREATE TABLE` without
    /// `IF NOT EXISTS`) or leave two rows.
    static let migrationCount = 5

    /// The built `athanor` executable: next to the test bundle in the build folder.
    static func executable() throws -> URL {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["ATHANOR_EXECUTABLE"] { candidates.append(URL(fileURLWithPath: path)) }
        if let bundle = Bundle.main.executableURL { candidates.append(bundle.deletingLastPathComponent().appending(path: "athanor")) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appending(path: "athanor"))
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appending(path: "athanor"))
        }
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "the athanor executable, built with the tests, looked for at \(candidates.map(\.path))")
    }

    /// A process run to its end, or terminated after `limit`.
    struct Run: Sendable {
        var status: Int32
        var output: String
        var errors: String
    }

    static func start(_ executable: URL, _ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return (process, output, errors)
    }

    static func finish(_ process: Process, _ output: Pipe, _ errors: Pipe, limit: Duration) async throws -> Run {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while process.isRunning && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Run(status: process.terminationStatus, output: out, errors: err)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["ATHANOR_TEST_DATABASE_URL"] != nil || ProcessInfo.processInfo.environment["CI"] == "true"),
          arguments: ["advisory", "lease-row"])
    func fourProcessesApplyEachMigrationOnce(lock: String) async throws {
        let executable = try Self.executable()
        let admin = try DatabaseURL(try #require(ProcessInfo.processInfo.environment["ATHANOR_TEST_DATABASE_URL"]))
        let name = "athanor_test_" + UUID().uuidString.lowercased().replacing("-", with: "")
        let connection = try await Connection.connect(to: admin)
        try await connection.executeScript("CREATE DATABASE \(SQLIdentifier.quoted(name))")
        var url = admin
        url.database = name
        let folder = FileManager.default.temporaryDirectory.appending(path: "athanor-procs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var ids: [String] = []
        for index in 0..<Self.migrationCount {
            let id = "2026010\(index + 1)_000000_t\(index)"
            ids.append(id)
            let migration = folder.appending(path: id)
            try FileManager.default.createDirectory(at: migration, withIntermediateDirectories: true)
            let sql = "CREATE TABLE t\(index) (id INT PRIMARY KEY, label TEXT NOT NULL);\n"
                + "INSERT INTO t\(index) VALUES (\(index), 'm\(index)');\nSELECT pg_sleep(0.1);\n"
            try Data(sql.utf8).write(to: migration.appending(path: "postgresql.sql"))
        }

        let arguments = ["migrate", "apply", "--migrations", folder.path, "--url", url.description, "--lock", lock]
        let started = try (0..<4).map { _ in try Self.start(executable, arguments) }
        var runs: [Run] = []
        for (process, output, errors) in started {
            runs.append(try await Self.finish(process, output, errors, limit: .seconds(120)))
        }

        for run in runs {
            #expect(run.status == 0, "exit \(run.status): \(run.output) \(run.errors)")
        }
        let appliedLines = runs.flatMap { $0.output.split(separator: "\n") }
            .filter { $0.hasPrefix("applied 2026") }
            .compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }
        #expect(appliedLines.sorted() == ids, "each migration reported applied by exactly one process: \(runs.map(\.output))")

        let database = try await Connection.connect(to: url)
        let history = try await database.query("SELECT id, count(*) FROM athanor_migrations GROUP BY id ORDER BY id", [])
        #expect(try history.map { try $0.decode(String.self, at: 0) } == ids)
        #expect(try history.map { try $0.decode(Int64.self, at: 1) } == Array(repeating: 1, count: ids.count))
        let complete = try await database.query("SELECT count(*) FROM athanor_migrations WHERE statements_applied = statements_total", [])
        #expect(try complete[0].decode(Int64.self, at: 0) == Int64(ids.count))
        for index in 0..<Self.migrationCount {
            let rows = try await database.query("SELECT id, label FROM t\(index)", [])
            #expect(rows.count == 1, "t\(index) filled once")
            #expect(try rows.first?.decode(String.self, at: 1) == "m\(index)")
        }
        let columns = try await database.query("""
            SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name LIKE 't_' ORDER BY table_name, ordinal_position
            """, [])
        #expect(try columns.map { try $0.decode(String.self, at: 0) }
                == (0..<Self.migrationCount).flatMap { ["t\($0).id integer", "t\($0).label text"] })
        // The lock the command was told to take: only the lease row leaves its table.
        let lockTable = try await database.query("SELECT count(*) FROM pg_tables WHERE tablename = 'athanor_migrations_lock'", [])
        #expect(try lockTable[0].decode(Int64.self, at: 0) == (lock == "lease-row" ? 1 : 0))
        database.close()
        try await connection.executeScript("DROP DATABASE \(SQLIdentifier.quoted(name)) WITH (FORCE)")
        connection.close()
    }
}
