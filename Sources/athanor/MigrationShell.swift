import ArgumentParser
import Athanor
import AthanorCompiler
import AthanorCompilerIO
import Foundation
import Logging

/// What the migrate commands that talk to a database share: the URL, the migrations folder as
/// the runtime's `Migration` values, a pool, and the exit statuses (1 a refused or failed
/// migration or drift, 2 bad paths or URL, 3 no connection).
enum MigrationShell {
    /// The URL from `--url`, or from DATABASE_URL.
    static func databaseURL(_ option: String?) throws(CommandFailure) -> DatabaseURL {
        try reportingInputErrors { () throws(InputError) in
            guard let text = option ?? ProcessInfo.processInfo.environment["DATABASE_URL"], !text.isEmpty else {
                throw InputError(description: "no database URL: pass --url or set DATABASE_URL")
            }
            do {
                return try DatabaseURL(text)
            } catch {
                throw InputError(description: "\(error)")
            }
        }
    }

    /// The migrations of the folder, in id order.
    static func migrations(in folder: String) throws(CommandFailure) -> [Migration] {
        let folders = try reportingInputErrors { () throws(InputError) in try MigrationsDirectory.load(folder) }
        return folders.map { Migration(id: $0.id, sql: $0.sql) }
    }

    /// A one-connection pool to `url`, with the server's dialect; a failure to connect is
    /// printed and ends the command with status 3.
    static func connect(_ url: DatabaseURL) async throws -> (pool: ConnectionPool, dialect: SQLDialect) {
        let dialect: SQLDialect
        do {
            let probe = try await Connection.connect(to: url)  // fails fast, where a pool would wait for its timeout
            dialect = probe.serverDialect
            probe.close()
        } catch {
            StandardError.write("error: cannot connect to \(url): \(String(reflecting: error))\n")
            throw ExitCode(3)
        }
        if let warning = PingReport.mismatchWarning(url: url, server: dialect) {
            StandardError.write("warning: \(warning); using the \(dialect.productName) SQL\n")
        }
        return (ConnectionPool(url: url, configuration: PoolConfiguration(size: 1, maxOverflow: 0, logger: Logger(label: "athanor", factory: { _ in SwiftLogNoOpLogHandler() }))), dialect)
    }

    /// Prints a migration error and ends with status 1; any other error is rethrown.
    static func failing(_ error: any Error) -> any Error {
        if let error = error as? MigrationError {
            StandardError.write("error: \(error)\n")
            if case .statementFailed(_, _, _, _, let underlying) = error { StandardError.write("  \(underlying.debugDescription)\n") }
            return ExitCode(CommandFailure.schemaErrors.status)
        }
        StandardError.write("error: \(String(reflecting: error))\n")
        return ExitCode(CommandFailure.schemaErrors.status)
    }
}
