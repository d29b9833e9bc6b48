import Athanor
import Glibc

/// The server-side faults: a fast restart with pg_ctl, and pg_terminate_backend of every other
/// client backend. The admin pool goes straight to the server, not through the proxy.
struct ServerControl: Sendable {
    let settings: SoakSettings
    let admin: ConnectionPool

    /// `pg_ctl restart -m fast -w`: every session is terminated, and the server is back on the
    /// same port (as `postgres` when we are root). Waits at most 90 s.
    func restart() async throws {
        let folder = String(settings.dataFolder.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/"))
        let output = (folder.isEmpty ? "/tmp" : folder) + "/soak-pg_ctl.log"
        // bash closes every descriptor above 2 first: the new server must not inherit the
        // soak's sockets (it would keep cut connections open).
        let closeAll = #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null; exec "$@""#
        var command = ["/bin/bash", "-c", closeAll, "bash"]
        if getuid() == 0 { command += ["/usr/sbin/runuser", "-u", "postgres", "--"] }
        command += [settings.binaries + "/pg_ctl", "-D", settings.dataFolder, "-l", settings.serverLog,
                    "-m", "fast", "-w", "-t", "60", "restart"]
        let pid = try spawn(command, output: output)
        var status: Int32 = 0
        var exited = false
        for _ in 0..<1_800 where !exited {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited < 0 && errno != EINTR { throw SoakFailure("waitpid failed: errno \(errno)") }
            exited = waited == pid
            if !exited { try await Task.sleep(for: .milliseconds(50)) }
        }
        guard exited else {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            throw SoakFailure("pg_ctl restart took more than 90 s; see \(output)")
        }
        guard status == 0 else { throw SoakFailure("pg_ctl restart exited with status \(status); see \(output)") }
    }

    /// Terminates every client backend but the admin's own; returns how many.
    func terminateAll() async throws -> Int {
        try await admin.query("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'
            """, idempotent: true)[0].decode(Int.self, at: 0)
    }

    /// The server's connections named `applicationName`.
    func connections(named applicationName: String) async throws -> Int {
        try await admin.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1",
                              [applicationName], idempotent: true)[0].decode(Int.self, at: 0)
    }

    /// posix_spawn with stdin from /dev/null and stdout and stderr appended to `output`.
    private func spawn(_ command: [String], output: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let copies: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { copies.forEach { free($0) } }
        let result = posix_spawn(&pid, command[0], &actions, nil, copies, environ)
        guard result == 0 else { throw SoakFailure("posix_spawn \(command[0]) failed: \(result)") }
        return pid
    }
}

/// A failure of the soak's own machinery (not of the library under test).
struct SoakFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
