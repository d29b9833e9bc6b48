import Foundation
import Glibc

/// A development server in a folder of its own: PostgreSQL (or CockroachDB) on a free loopback
/// port, started once and kept running between commands until ``stop()``.
///
/// This is what `athanor dev start | stop | status | url`, the `athanor-dev` command plugin and
/// the project's own `scripts/with-postgres` run. The folder (`.athanor/dev` by default) holds one
/// subfolder per kind of server: `postgres/data` (the cluster), `postgres/server.log`,
/// `postgres/state.json` (port and URL); `cockroachdb/store`, `cockroachdb/cockroach.pid`.
///
/// ```swift
/// let server = DevServer(folder: ".athanor/dev")
/// let status = try server.start()
/// print(status.url ?? "")     // postgresql://postgres@127.0.0.1:54321/postgres
/// try server.stop()
/// ```
public struct DevServer: Sendable {
    /// The development folder, absolute.
    public let folder: String
    /// Which server this folder runs.
    public let kind: DevServerKind
    /// Where the server's programs and environment come from.
    let environment: [String: String]

    /// The server of `kind` in `folder` (relative paths are taken from the current directory).
    public init(folder: String, kind: DevServerKind = .postgres,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.folder = Self.absolute(folder)
        self.kind = kind
        self.environment = environment
    }

    /// The folder of this kind of server inside ``folder``.
    public var serverFolder: String { folder + "/" + kind.folderName }
    /// The server's own log.
    public var serverLog: String { serverFolder + (kind == .postgres ? "/server.log" : "/store/logs/cockroach.log") }
    /// PostgreSQL's data folder (`PGDATA`).
    public var dataFolder: String { serverFolder + "/data" }
    /// The log of the programs `start` and `stop` ran (initdb, pg_ctl, cockroach).
    var controlLog: String { serverFolder + "/ctl.log" }
    var stateFile: String { serverFolder + "/state.json" }

    /// Starts the server unless it runs already (then returns its status unchanged): creates the
    /// cluster on the first start, picks a free loopback port (the previous one when it is still
    /// free), waits until the server accepts connections, and returns its status with the URL.
    public func start(_ options: DevServerOptions = DevServerOptions()) throws(DevServerError) -> DevServerStatus {
        switch kind {
        case .postgres: try PostgresDevServer(server: self).start(options)
        case .cockroachdb: try CockroachDevServer(server: self).start()
        }
        return status()
    }

    /// Creates the folder and, for PostgreSQL, the cluster (`initdb`), without starting it: for
    /// what must be put in the data folder before the first start (certificates). ``start(_:)``
    /// does this itself.
    public func initialize() throws(DevServerError) {
        switch kind {
        case .postgres: try PostgresDevServer(server: self).initialize()
        case .cockroachdb: try makeFolders()
        }
    }

    /// The port of the last start, whether or not the server runs now.
    public var lastPort: Int? { DevServerState.read(stateFile)?.port }

    /// Stops the server (fast: open sessions are ended); returns false when it was not running.
    /// Leaves the folder, and its data, in place.
    @discardableResult
    public func stop() throws(DevServerError) -> Bool {
        switch kind {
        case .postgres: try PostgresDevServer(server: self).stop()
        case .cockroachdb: try CockroachDevServer(server: self).stop()
        }
    }

    /// Whether the server runs, and its URL when it does.
    public func status() -> DevServerStatus {
        let running = switch kind {
        case .postgres: PostgresDevServer(server: self).isRunning
        case .cockroachdb: CockroachDevServer(server: self).isRunning
        }
        let state = DevServerState.read(stateFile)
        return DevServerStatus(kind: kind, folder: serverFolder, isRunning: running,
                               port: running ? state?.port : nil, url: running ? state?.url : nil)
    }

    /// The user to run the server's programs as: `postgres` when we are root (PostgreSQL refuses
    /// to run as root), else nil (the current user).
    var serverUser: String? { getuid() == 0 && kind == .postgres ? "postgres" : nil }

    /// Creates ``serverFolder`` (and ``folder``) and, as root, gives them to the server's user.
    func makeFolders() throws(DevServerError) {
        do {
            try FileManager.default.createDirectory(atPath: serverFolder, withIntermediateDirectories: true)
        } catch {
            throw DevServerError("cannot create \(serverFolder): \(error.localizedDescription)")
        }
        guard let user = serverUser else { return }
        guard let account = getpwnam(user) else {
            throw DevServerError("""
                running as root, and there is no '\(user)' user to run PostgreSQL as (it refuses to run as root): \
                create one ('useradd --system --home-dir /var/lib/postgresql \(user)') or run as another user
                """)
        }
        for path in [folder, serverFolder] where chown(path, account.pointee.pw_uid, account.pointee.pw_gid) != 0 {
            throw DevServerError("cannot give \(path) to \(user): \(String(cString: strerror(errno)))")
        }
    }

    /// The last lines of a log, for an error message.
    func tail(_ path: String, lines: Int = 15) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        let all = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return all.suffix(lines).joined(separator: "\n")
    }

    func writeState(port: Int, url: String) throws(DevServerError) {
        try DevServerState(port: port, url: url).write(stateFile)
    }

    /// The port of the previous start when it is still free (URLs people saved keep working),
    /// else a new free one.
    func freePort() throws(DevServerError) -> Int {
        if let previous = DevServerState.read(stateFile)?.port, FreePort.isFree(previous) { return previous }
        return try FreePort.pick()
    }

    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: full).standardizedFileURL.path
    }
}

/// How ``DevServer/start(_:)`` configures a new PostgreSQL server.
public struct DevServerOptions: Sendable {
    /// Keep fsync on. Off by default: a development or test server loses nothing that matters
    /// in a power cut, and creating databases is several times faster without it.
    public var durable: Bool
    /// `max_connections`: every connection of every test database's pool counts (400 by default).
    public var maxConnections: Int

    /// The options: fsync off and 400 connections unless said otherwise.
    public init(durable: Bool = false, maxConnections: Int = 400) {
        self.durable = durable
        self.maxConnections = maxConnections
    }
}

/// What ``DevServer/status()`` finds.
public struct DevServerStatus: Sendable, CustomStringConvertible {
    /// The kind of server.
    public let kind: DevServerKind
    /// Its folder.
    public let folder: String
    /// Whether it runs now.
    public let isRunning: Bool
    /// Its loopback port, when it runs.
    public let port: Int?
    /// The URL to connect with, when it runs (no password: the server trusts loopback).
    public let url: String?

    /// `PostgreSQL running on 127.0.0.1:54321 (data in .../postgres)`, or `... not running`.
    public var description: String {
        if isRunning, let port {
            return "\(kind.productName) running on 127.0.0.1:\(port) (files in \(folder))"
        }
        return "\(kind.productName) not running (files in \(folder))"
    }
}
