import Athanor
import Glibc

/// What the soak runs against and for how long: the command line and the environment that
/// scripts/with-postgres sets up.
struct SoakSettings: Sendable {
    /// How long transfers are started, in seconds (the first argument; 600 by default).
    let seconds: Int
    /// The server's own URL (the admin's connections, not proxied).
    let serverURL: DatabaseURL
    /// The cluster's data folder, for `pg_ctl restart`.
    let dataFolder: String
    /// The server's log file, given to `pg_ctl restart -l`.
    let serverLog: String
    /// Where PostgreSQL's programs are.
    let binaries: String

    /// Tasks running transfers at once.
    let tasks = 64
    /// The pool under test: 8 connections, 4 more under load.
    let poolSize = 8
    let poolOverflow = 4
    /// Accounts, and each one's opening balance.
    let accounts = 1_000
    let openingBalance: Int64 = 1_000_000
    /// The application_name of the pool under test, to count its connections on the server.
    let applicationName = "athanor-soak"
    /// How long workers may take to finish after the end, before they are cancelled.
    let grace: Duration = .seconds(60)

    var poolMaximum: Int { poolSize + poolOverflow }

    init(arguments: [String]) throws(SoakSettingsError) {
        if let first = arguments.first {
            guard let value = Int(first), value >= 20, value <= 86_400 else { throw SoakSettingsError("SECONDS must be a number from 20 to 86400") }
            seconds = value
        } else {
            seconds = 600
        }
        guard let url = Self.variable("ATHANOR_TEST_DATABASE_URL") else { throw SoakSettingsError("ATHANOR_TEST_DATABASE_URL is not set") }
        do {
            serverURL = try DatabaseURL(url)
        } catch {
            throw SoakSettingsError("ATHANOR_TEST_DATABASE_URL: \(error)")
        }
        guard serverURL.endpoints.count == 1, serverURL.endpoints[0].host == "127.0.0.1" else {
            throw SoakSettingsError("the server must be one host, 127.0.0.1 (the soak sends traffic to loopback only)")
        }
        guard let data = Self.variable("ATHANOR_TEST_PGDATA"), let log = Self.variable("ATHANOR_TEST_SERVER_LOG") else {
            throw SoakSettingsError("ATHANOR_TEST_PGDATA and ATHANOR_TEST_SERVER_LOG are not set (run under scripts/with-postgres)")
        }
        dataFolder = data
        serverLog = log
        binaries = Self.variable("ATHANOR_PG_BIN") ?? "/usr/lib/postgresql/15/bin"
    }

    /// The pool's URL: through the proxy on `port`, named by `applicationName`.
    func proxiedURL(port: Int) throws -> DatabaseURL {
        try DatabaseURL("postgresql://\(serverURL.user ?? "postgres")@127.0.0.1:\(port)/\(serverURL.database ?? "postgres")"
            + "?application_name=\(applicationName)")
    }

    /// The admin's URL: straight to the server, under another application_name.
    func adminURL() throws -> DatabaseURL {
        try DatabaseURL("postgresql://\(serverURL.user ?? "postgres")@127.0.0.1:\(serverURL.endpoints[0].port)/\(serverURL.database ?? "postgres")"
            + "?application_name=\(applicationName)-admin&connect_timeout=5")
    }

    private static func variable(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }
}

/// A setting that is missing or wrong.
struct SoakSettingsError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
