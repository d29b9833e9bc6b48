import Foundation

/// PostgreSQL in ``DevServer/serverFolder``: `initdb` on the first start, then `pg_ctl`.
struct PostgresDevServer {
    let server: DevServer

    var isRunning: Bool {
        guard FileManager.default.fileExists(atPath: server.dataFolder + "/PG_VERSION"),
              let binaries = try? PostgresBinaries.locate(environment: server.environment) else { return false }
        let status = try? ChildProcess.run([binaries.path("pg_ctl"), "status", "-D", server.dataFolder],
                                           user: server.serverUser, log: "/dev/null")
        return status == 0
    }

    /// The folders and, on the first call, the cluster: `initdb` with a `postgres` superuser
    /// trusted on loopback, UTF-8.
    func initialize() throws(DevServerError) {
        let binaries = try PostgresBinaries.locate(environment: server.environment)
        try server.makeFolders()
        if !FileManager.default.fileExists(atPath: server.dataFolder + "/PG_VERSION") {
            try run(binaries.path("initdb"), ["-D", server.dataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                                              "--locale=C.UTF-8", "--no-sync"], what: "initdb")
        }
    }

    func start(_ options: DevServerOptions) throws(DevServerError) {
        let binaries = try PostgresBinaries.locate(environment: server.environment)
        try initialize()
        if isRunning { return }
        let port = try server.freePort()
        // Loopback TCP only: no Unix socket (its path would be limited to 107 bytes).
        var settings = "-c listen_addresses=127.0.0.1 -c port=\(port) -c unix_socket_directories= "
            + "-c max_connections=\(options.maxConnections)"
        if !options.durable {
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        }
        try run(binaries.path("pg_ctl"), ["-D", server.dataFolder, "-l", server.serverLog, "-o", settings,
                                          "-w", "-t", "60", "start"], what: "pg_ctl start", log: server.serverLog)
        try server.writeState(port: port, url: "postgresql://postgres@127.0.0.1:\(port)/postgres")
    }

    func stop() throws(DevServerError) -> Bool {
        guard isRunning else { return false }
        let binaries = try PostgresBinaries.locate(environment: server.environment)
        try run(binaries.path("pg_ctl"), ["-D", server.dataFolder, "-m", "fast", "-w", "-t", "60", "stop"], what: "pg_ctl stop")
        return true
    }

    /// Runs a program of PostgreSQL's (as `postgres` when root); throws with the end of the log.
    private func run(_ program: String, _ arguments: [String], what: String, log: String? = nil) throws(DevServerError) {
        let status = try ChildProcess.run([program] + arguments, user: server.serverUser, log: server.controlLog)
        guard status == 0 else {
            var message = "\(what) failed (exit status \(status)); \(server.controlLog) ends with:\n\(server.tail(server.controlLog))"
            if let log { message += "\n\(log) ends with:\n\(server.tail(log))" }
            throw DevServerError(message)
        }
    }
}
