import Foundation

/// Talks to PostgreSQL by running `psql` (the runtime library is another issue's): enough to create
/// a database, apply DDL and read the catalog back.
struct PSQL {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The server URL, such as `postgresql://postgres@127.0.0.1:5432/postgres`.
    let serverURL: String

    static var executable: String {
        let candidates = ["/usr/lib/postgresql/15/bin/psql", "/usr/bin/psql", "/usr/local/bin/psql"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? "psql"
    }

    /// `serverURL` with its database replaced by `database`.
    func url(database: String) throws -> String {
        guard var components = URLComponents(string: serverURL) else {
            throw Failure(description: "not a URL: ATHANOR_TEST_DATABASE_URL")
        }
        components.path = "/" + database
        guard let url = components.string else { throw Failure(description: "cannot build a URL for \(database)") }
        return url
    }

    /// Runs `sql` in one transaction on `database`, stopping at the first error; returns the rows,
    /// one per line, columns separated by tabs.
    @discardableResult
    func run(_ sql: String, database: String = "postgres", singleTransaction: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable.hasPrefix("/") ? Self.executable : "/usr/bin/env")
        var arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-A", "-t", "-F", "\t", "-d", try url(database: database)]
        if singleTransaction { arguments.append("-1") }
        arguments += ["-f", "-"]
        process.arguments = Self.executable.hasPrefix("/") ? arguments : ["psql"] + arguments
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(sql.utf8))
        try input.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "psql failed (\(process.terminationStatus)): \(String(decoding: errorData, as: UTF8.self))")
        }
        return String(decoding: outputData, as: UTF8.self)
    }

    /// Rows of a query, each split into its columns.
    func rows(_ sql: String, database: String) throws -> [[String]] {
        try run(sql, database: database).split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Creates a fresh database `athanor_test_<uuid>`, runs `body` with its name, and drops it.
    func withTemporaryDatabase<T>(_ body: (String) throws -> T) throws -> T {
        let name = "athanor_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try run("CREATE DATABASE \(name)", singleTransaction: false)
        defer { _ = try? run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", singleTransaction: false) }
        return try body(name)
    }
}
