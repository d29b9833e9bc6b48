import Athanor
import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `athanor ping [URL]`: connects as the runtime would and reports what it reached.
struct PingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ping",
        abstract: "Connect to a database and print the server's product, version, dialect, address and encryption.",
        discussion: """
        The URL defaults to DATABASE_URL. Exits 0 when the connection works; otherwise prints the \
        error (never a password) and exits 3 when the connection fails, 2 for a missing or invalid \
        URL (the statuses of `athanor apply`).
        """
    )

    @Argument(help: "A cockroachdb://, postgresql:// or postgres:// URL (default: $DATABASE_URL).")
    var url: String?

    func run() async throws {
        let status = await Self.ping(url, environment: Self.environment, output: .standard)
        if status != 0 { throw ExitCode(status) }
    }

    /// The whole command apart from the process: reads the URL (or `DATABASE_URL` through
    /// `environment`), connects, writes the report and any warning or error to `output`, and
    /// returns the exit status (0, 3 for a failed connection, 2 for no URL or an invalid one: the
    /// statuses of `athanor apply`).
    static func ping(_ url: String?, environment: (String) -> String?, output: PingOutput) async -> Int32 {
        guard let text = url ?? environment("DATABASE_URL") else {
            output.error("error: no URL given and DATABASE_URL is not set")
            return 2
        }
        let databaseURL: DatabaseURL
        switch Result(catching: { () throws(AthanorError) in try DatabaseURL(text) }) {
        case .success(let url): databaseURL = url
        case .failure(let error):
            output.error("error: \(error.debugDescription)")  // "invalid database URL: ..."
            return 2
        }
        if let failure = await connectAndReport(databaseURL, output: output) {
            // The debug description adds libpq's reason ("Connection refused", "could not
            // translate host name"), which a user checking a URL needs; it never holds a password.
            output.error("error: \(failure.debugDescription)")
            return 3
        }
        return 0
    }

    /// Connects and writes the report; returns the error instead of throwing it.
    private static func connectAndReport(_ databaseURL: DatabaseURL, output: PingOutput) async -> AthanorError? {
        let connection: Connection
        do {
            connection = try await Connection.connect(to: databaseURL)
        } catch {
            return error
        }
        for line in PingReport(url: databaseURL, connection: connection).lines { output.line(line) }
        if let warning = PingReport.mismatchWarning(url: databaseURL, server: connection.serverDialect) {
            output.error("warning: \(warning)")
        }
        connection.close()
        return nil
    }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }
}

/// What `ping` prints, computed apart from the printing.
struct PingReport {
    let url: DatabaseURL
    let connection: Connection

    var lines: [String] {
        let (product, version) = Self.productAndVersion(connection.serverVersion)
        return [
            "server:     \(product) \(version)",
            "dialect:    \(connection.serverDialect.rawValue) (URL scheme \(url.scheme)://)",
            "reached:    \(connection.host):\(connection.port)",
            "encryption: \(connection.tlsVersion ?? "none (not encrypted)")",
            "url:        \(url)",
        ]
    }

    /// "PostgreSQL 15.18 (Debian ...) on ..." → ("PostgreSQL", "15.18");
    /// "CockroachDB CCL v23.1.11 (...)" → ("CockroachDB", "CCL v23.1.11").
    static func productAndVersion(_ text: String) -> (String, String) {
        let words = text.split(separator: " ").map(String.init)
        guard let product = words.first else { return ("unknown", "") }
        let version = words.dropFirst().prefix { !$0.hasPrefix("(") && $0 != "on" }.joined(separator: " ")
        return (product, version)
    }

    static func mismatchWarning(url: DatabaseURL, server: SQLDialect) -> String? {
        guard url.dialect != server else { return nil }
        return "the URL's scheme (\(url.scheme)://) names \(url.dialect.productName), but the server is \(server.productName)"
    }
}

/// Where `ping` writes: the report's lines (stdout) and warnings and errors (stderr).
struct PingOutput: Sendable {
    let line: @Sendable (String) -> Void
    let error: @Sendable (String) -> Void

    /// The process's stdout and stderr.
    static let standard = PingOutput(line: { print($0) }, error: { printError($0) })
}

func printError(_ text: String) {
    let line = Array((text + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
