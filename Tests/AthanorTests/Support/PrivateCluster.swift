import Athanor
import Foundation
import Glibc
import Testing

/// A throwaway PostgreSQL 15 cluster of one test's own, for what the shared server cannot do
/// (restart it, stop it) without breaking the tests running beside it.
///
/// `initdb -A trust --no-sync` into a temporary folder, then `pg_ctl start` on 127.0.0.1 and a
/// free port with fsync off. As root, every command runs as `postgres` (`runuser`). Use
/// ``with(_:)``: the server is stopped and the folder deleted however the body ends.
final class PrivateCluster: Sendable {
    static let binaries = TestEnvironment.variable("ATHANOR_PG_BIN") ?? "/usr/lib/postgresql/15/bin"

    let folder: String
    let port: Int
    var data: String { folder + "/data" }
    var log: String { folder + "/server.log" }

    /// The superuser's URL (trusted, no password).
    var url: DatabaseURL {
        get throws { try DatabaseURL("postgresql://postgres@127.0.0.1:\(port)/postgres?connect_timeout=5") }
    }

    private init(folder: String, port: Int) {
        self.folder = folder
        self.port = port
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
        let folder = String(cString: made)
        let cluster = PrivateCluster(folder: folder, port: try freePort())
        do {
            if getuid() == 0 {
                guard let user = getpwnam("postgres") else { throw ClusterError("no postgres user (run under scripts/test)") }
                guard chown(folder, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else { throw ClusterError("chown failed") }
            }
            try await cluster.run("initdb", ["-D", cluster.data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                                             "--locale=C.UTF-8", "--no-sync"])
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
        let options = "-c listen_addresses=127.0.0.1 -c port=\(port) -c unix_socket_directories=\(folder) "
            + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
        try await run("pg_ctl", ["-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start"])
    }

    /// A CA, a server certificate for 127.0.0.1 signed by it (in the data folder, where `ssl=on`
    /// finds `server.crt` and `server.key`), and an unrelated CA; as `postgres` when root.
    private func makeCertificates() async throws {
        let script = """
            set -e
            cd \(folder)
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=athanor-test-ca -keyout ca.key -out ca.crt
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=athanor-other-ca -keyout other-ca.key -out other-ca.crt
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=127.0.0.1 -keyout data/server.key -out server.csr
            printf 'subjectAltName=IP:127.0.0.1' > san.ext
            openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext -out data/server.crt
            chmod 600 data/server.key
            printf 'ssl = on\n' >> data/postgresql.conf
            """
        try await execute(["/bin/bash", "-c", script])
    }

    /// Stops the server (fast: sessions are terminated) and waits until it is gone.
    func stop() async throws {
        try await run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"])
    }

    /// `pg_ctl restart -m fast -w`: every session is terminated, and the server is back on the same port.
    func restart() async throws {
        try await run("pg_ctl", ["-D", data, "-l", log, "-m", "fast", "-w", "-t", "60", "restart"])
    }

    /// Stops the server if it runs and deletes the folder; never throws.
    func destroy() async {
        if FileManager.default.fileExists(atPath: data + "/postmaster.pid") {
            try? await run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "60", "stop"])
        }
        try? FileManager.default.removeItem(atPath: folder)
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

    /// A port nobody listens on right now (the kernel's choice for port 0).
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClusterError("socket failed") }
        defer { Glibc.close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        guard bound else { throw ClusterError("bind failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct ClusterError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
