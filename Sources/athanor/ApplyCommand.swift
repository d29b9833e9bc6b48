import ArgumentParser
import Athanor
import AthanorCompiler
import AthanorCompilerIO
import Foundation

/// `athanor apply PATH... [--url URL]`: runs the DDL against a database, all or nothing.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Create the schemas' types, tables and indexes in a database (development and tests).",
        discussion: """
        Compiles the schemas and runs the DDL of the server's dialect (confirmed from the server; \
        a warning says so when the URL's scheme names the other one) against that database in \
        ONE transaction: either every statement runs or \
        none does. When a statement fails, the error names it (its number and first line) and \
        nothing is left behind. The URL comes from --url, or from DATABASE_URL when --url is \
        omitted; no output ever shows its password.

        The DDL is plain CREATE: apply it to an empty database. For schema changes in production, \
        use a migration tool with the DDL from 'athanor ddl' or 'swift package export-ddl'.

        Exit status: 0 on success, 1 on schema errors or when a statement fails, 2 for bad paths \
        or a missing or invalid URL, 3 when the database cannot be reached.

        Examples:
          DATABASE_URL=postgresql://app@localhost/shop athanor apply schemas/
          athanor apply schemas/Shop.schema --url cockroachdb://root@localhost:26257/shop?sslmode=disable
        """
    )

    @Argument(help: "Schema files, or folders to search for .schema files.")
    var paths: [String] = []

    @Option(name: .long, help: "The database URL (default: DATABASE_URL).")
    var url: String?

    @Flag(name: .long, help: "Print nothing when all is well.")
    var quiet = false

    func run() async throws {
        let sources = try exitingWithStatus { () throws(CommandFailure) in try CompilerShell.load(paths) }
        let target = try exitingWithStatus { () throws(CommandFailure) in
            try reportingInputErrors { () throws(InputError) in try databaseURL() }
        }
        let result = CompilerShell.compile(sources, dialects: [target.dialect])
        guard !result.hasErrors, let ddl = result.scripts[target.dialect] else {
            StandardError.write(CompilerShell.summary(of: result.diagnostics, files: sources.count))
            throw ExitCode(CommandFailure.schemaErrors.status)
        }
        let connection: Connection
        do {
            connection = try await Connection.connect(to: target)
        } catch {
            StandardError.write("error: cannot connect to \(target): \(String(reflecting: error))\n")
            throw ExitCode(3)
        }
        // The DDL of the dialect the server speaks, not the one the scheme names: CockroachDB's
        // STRING does not exist on PostgreSQL, and PostgreSQL's identity columns are not CockroachDB's.
        var script = ddl
        if let warning = PingReport.mismatchWarning(url: target, server: connection.serverDialect) {
            StandardError.write("warning: \(warning); applying the \(connection.serverDialect.productName) DDL\n")
            let serverDialect = connection.serverDialect
            script = Compiler.compile(sources: sources, options: CompilerOptions(dialects: [serverDialect])).scripts[serverDialect] ?? ddl
        }
        let count = try await DDLStatements.apply(script.statements, on: connection)
        if !quiet {
            print("applied \(count) statements to \(target) (\(connection.serverDialect.productName)) in one transaction")
        }
    }

    func databaseURL() throws(InputError) -> DatabaseURL {
        guard let text = url ?? ProcessInfo.processInfo.environment["DATABASE_URL"], !text.isEmpty else {
            throw InputError(description: "no database URL: pass --url or set DATABASE_URL")
        }
        do {
            return try DatabaseURL(text)
        } catch {
            throw InputError(description: "\(error)")  // "invalid database URL: ..."
        }
    }
}
