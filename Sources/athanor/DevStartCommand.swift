import ArgumentParser
import Athanor
import AthanorCompiler
import AthanorCompilerIO
import AthanorDevServer
import Foundation

/// `athanor dev start [--apply PATH...]`: starts the development server (or finds it running)
/// and prints its URL as the last line of stdout.
struct DevStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start the development server (a no-op when it runs) and print its URL last.",
        discussion: """
        Creates the cluster on the first start, then keeps it between runs. With --apply, the \
        schemas' tables are created in the URL's database (one transaction; when they exist \
        already, nothing is applied and a note says so).

        Exit status: 0 when the server runs, 1 when it cannot start (the error says why: \
        what to install, or the end of the server's log) or the schemas cannot be applied, \
        2 for bad schema paths.
        """
    )

    @OptionGroup var selection: DevServerSelection

    @Option(name: .long, parsing: .upToNextOption, help: "Schema files or folders whose DDL to apply once the server runs.")
    var apply: [String] = []

    @Flag(name: .long, help: "Keep fsync on (it is off by default: faster, and fine for development and tests).")
    var durable = false

    @Option(name: .long, help: "PostgreSQL's max_connections.")
    var maxConnections = 400

    func run() async throws {
        let server = DevServer(folder: selection.dataDir, kind: selection.cockroachdb ? .cockroachdb : .postgres)
        let options = DevServerOptions(durable: durable, maxConnections: maxConnections)
        let status = try await onOwnThread { () throws(DevServerError) in try server.start(options) }
        guard let url = status.url else {
            StandardError.write("error: the server started but its URL is unknown; see \(server.serverLog)\n")
            throw ExitCode(1)
        }
        StandardError.write("\(status)\n")
        if selection.dataDir == ".athanor/dev" { GitIgnoreNote.check() }
        if !apply.isEmpty { try await applySchemas(url: url, kind: server.kind) }
        print(url)
    }

    /// Compiles the schemas for the server's dialect and applies the DDL in one transaction.
    private func applySchemas(url text: String, kind: DevServerKind) async throws {
        let sources = try exitingWithStatus { () throws(CommandFailure) in try CompilerShell.load(apply) }
        let dialect: SQLDialect = kind == .postgres ? .postgresql : .cockroachdb
        let result = CompilerShell.compile(sources, dialects: [dialect])
        guard !result.hasErrors, let script = result.scripts[dialect] else {
            StandardError.write(CompilerShell.summary(of: result.diagnostics, files: sources.count))
            throw ExitCode(CommandFailure.schemaErrors.status)
        }
        let connection = try await Connection.connect(to: DatabaseURL(text))
        defer { connection.close() }
        do {
            try await connection.applyDDL(script.statements)
            StandardError.write("applied \(script.statements.count) statements of \(apply.joined(separator: " "))\n")
        } catch let error as DDLStatementError where ["42P07", "42710"].contains(error.underlying.sqlState?.rawValue) {
            StandardError.write("note: nothing applied, the schema is there already (\(error.firstLine))\n")
        } catch let error as DDLStatementError {
            StandardError.write("error: \(error.debugDescription)\n")
            throw ExitCode(1)
        }
    }
}

/// Runs blocking work (the server's programs, waited for) on a thread of its own, never on the
/// cooperative pool.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws(DevServerError) -> T) async throws(ExitCode) -> T {
    let result: Result<T, DevServerError> = await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: Result { () throws(DevServerError) in try body() }) }
    }
    switch result {
    case .success(let value): return value
    case .failure(let error):
        StandardError.write("error: \(error)\n")
        throw ExitCode(1)
    }
}

/// The reminder to keep `.athanor/` out of git, when the current folder is a package whose
/// `.gitignore` does not mention it.
enum GitIgnoreNote {
    static func check() {
        let manager = FileManager.default
        guard manager.fileExists(atPath: "Package.swift") else { return }
        let ignore = manager.contents(atPath: ".gitignore").map { String(decoding: $0, as: UTF8.self) } ?? ""
        if !ignore.contains(".athanor") {
            StandardError.write("note: keep the server out of git: echo '.athanor/' >> .gitignore\n")
        }
    }
}
