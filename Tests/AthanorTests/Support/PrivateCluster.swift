import Athanor
import AthanorDevServer
import Foundation
import Glibc
import Testing

/// A throwaway PostgreSQL cluster of one test's own, for what the shared server cannot do
/// (restart it, stop it) without breaking the tests running beside it.
///
/// Started and stopped by `AthanorDevServer` (what `athanor dev start` runs) in a temporary
/// folder: `initdb -A trust`, then `pg_ctl start` on 127.0.0.1 and a free port with fsync off;
/// as root, as `postgres`. Use ``with(_:)``: the server is stopped and the folder deleted however
/// the body ends.
final class PrivateCluster: Sendable {
    static let binaries = TestEnvironment.variable("ATHANOR_PG_BIN") ?? "/usr/lib/postgresql/15/bin"

    let folder: String
    let server: DevServer
    var data: String { server.dataFolder }
    var log: String { server.serverLog }
    /// The port of the last start (kept across `stop` and `start` while it stays free).
    var port: Int { server.lastPort ?? 0 }

    /// The superuser's URL (trusted, no password).
    var url: DatabaseURL {
        get throws { try DatabaseURL("postgresql://postgres@127.0.0.1:\(port)/postgres?connect_timeout=5") }
    }

    private init(folder: String) {
        self.folder = folder
        self.server = DevServer(folder: folder)
    }

    /// Creates and starts a cluster, runs `body`, then stops the server and deletes the folder.
    /// With `tls`, the server also accepts TLS, with a certificate for 127.0.0.1 signed by a
    /// certificate authority of its own (``caFile``).
    static func with<T>(tls: Bool = false, _ body: (PrivateCluster) async throws -> T) async throws -> T {
        let cluster = try await create(tls: tls)
        do {
            let value = try await body(cluster)
            await cluster.destroy()
            return value
        } catch {
            await cluster.destroy()
            throw error
        }
    }

    /// The certificate authority that signed the server's certificate (with `tls`).
    var caFile: String { folder + "/ca.crt" }
    /// Another authority, which signed nothing of this server's: verification against it fails.
    var otherCAFile: String { folder + "/other-ca.crt" }

    private static func create(tls: Bool) async throws -> PrivateCluster {
        var template = Array("/tmp/athanor-private-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw ClusterError("mkdtemp failed: errno \(errno)") }
        let cluster = PrivateCluster(folder: String(cString: made))
        do {
            let server = cluster.server
            try await onThread { try server.initialize() }
            if tls { try await cluster.makeCertificates() }
            try await cluster.start()
            return cluster
        } catch {
            await cluster.destroy()
            throw error
        }
    }

    /// Starts the server and waits until it accepts connections.
    func start() async throws {
        let server = self.server
        _ = try await onThread { try server.start(DevServerOptions(maxConnections: 50)) }
    }

    /// A CA, a server certificate for 127.0.0.1 signed by it (in the data folder, where `ssl=on`
    /// finds `server.crt` and `server.key`), and an unrelated CA; as `postgres` when root.
    private func makeCertificates() async throws {
        let script = """
            set -e
            cd \(folder)
            data=\(data)
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=athanor-test-ca -keyout ca.key -out ca.crt
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=athanor-other-ca -keyout other-ca.key -out other-ca.crt
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=127.0.0.1 -keyout $data/server.key -out server.csr
            printf 'subjectAltName=IP:127.0.0.1' > san.ext
            openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext -out $data/server.crt
            chmod 600 $data/server.key
            printf 'ssl = on\n' >> $data/postgresql.conf
            """
        try await execute(["/bin/bash", "-c", script])
    }

    /// Stops the server (fast: sessions are terminated) and waits until it is gone.
    func stop() async throws {
        let server = self.server
        _ = try await onThread { try server.stop() }
    }

    /// `pg_ctl restart -m fast -w`: every session is terminated, and the server is back on the same port.
    func restart() async throws {
        try await run("pg_ctl", ["-D", data, "-l", log, "-m", "fast", "-w", "-t", "60", "restart"])
    }

    /// Stops the server if it runs and deletes the folder; never throws.
    func destroy() async {
        let server = self.server
        _ = try? await onThread { try server.stop() }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs the dev server's blocking calls on a thread of their own, off the cooperative pool.
    private static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    private func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await Self.onThread(body)
    }

    /// Runs one of PostgreSQL's programs (as `postgres` when we are root); its output goes to
    /// `ctl.log`, shown when it fails. Not with Foundation's `Process`: it learns of an exit when
    /// a socket inherited by the child closes, and the server `pg_ctl` leaves behind keeps it open.
    /// Here bash closes every descriptor above 2 first (the server must not hold the test's
    /// sockets or pipes), and `waitpid` runs on a thread of its own, off the cooperative pool.
    private func run(_ program: String, _ arguments: [String]) async throws {
        try await execute([Self.binaries + "/" + program] + arguments)
    }

    /// Runs a command (as `postgres` when we are root), with every descriptor above 2 closed;
    /// throws with its output when it fails.
    private func execute(_ arguments: [String]) async throws {
        let program = arguments.first.map { String($0.split(separator: "/").last ?? "") } ?? ""
        let output = folder + "/ctl.log"
        let closeAll = #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null; exec "$@""#
        var command = ["/bin/bash", "-c", closeAll, "bash"]
        if getuid() == 0 { command += ["/usr/sbin/runuser", "-u", "postgres", "--"] }
        command += arguments
        let pid = try spawn(command, output: output)
        let status: Int32 = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                continuation.resume(returning: status)
            }
        }
        guard status == 0 else {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            let server = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw ClusterError("\(program) \(arguments.last ?? "") exited with status \(status): \(text)\n\(server.suffix(2000))")
        }
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
        guard result == 0 else { throw ClusterError("posix_spawn \(command[0]) failed: \(result)") }
        return pid
    }
}

struct ClusterError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
