import Foundation
import Glibc

/// CockroachDB in ``DevServer/serverFolder``: `cockroach start-single-node --insecure
/// --background`, found on the PATH (or at `ATHANOR_COCKROACH_BIN`). Untested here: no
/// `cockroach` binary can be installed on the machine this was written on.
struct CockroachDevServer {
    let server: DevServer

    var pidFile: String { server.serverFolder + "/cockroach.pid" }

    var pid: pid_t? {
        guard let data = FileManager.default.contents(atPath: pidFile),
              let pid = pid_t(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        return pid
    }

    var isRunning: Bool {
        guard let pid else { return false }
        return kill(pid, 0) == 0
    }

    func start() throws(DevServerError) {
        let binary = try locate()
        try server.makeFolders()
        if isRunning { return }
        let port = try server.freePort()
        let httpPort = try FreePort.pick()
        let status = try ChildProcess.run([
            binary, "start-single-node", "--insecure", "--store=path=\(server.serverFolder)/store",
            "--listen-addr=127.0.0.1:\(port)", "--http-addr=127.0.0.1:\(httpPort)", "--pid-file=\(pidFile)", "--background",
        ], log: server.controlLog)
        guard status == 0 else {
            throw DevServerError("cockroach start-single-node failed (exit status \(status)); \(server.controlLog) ends with:\n\(server.tail(server.controlLog))")
        }
        // --background returns once the node is ready; wait for the port anyway (bounded: 60 s).
        for _ in 0..<600 where !FreePort.accepts(port) { usleep(100_000) }
        guard FreePort.accepts(port) else { throw DevServerError("CockroachDB did not accept connections on 127.0.0.1:\(port) within 60 s") }
        try server.writeState(port: port, url: "cockroachdb://root@127.0.0.1:\(port)/defaultdb?sslmode=disable")
    }

    func stop() throws(DevServerError) -> Bool {
        guard let pid, isRunning else { return false }
        kill(pid, SIGTERM)
        // A graceful drain takes a few seconds; bounded at 60 s, then SIGKILL.
        for _ in 0..<600 where kill(pid, 0) == 0 { usleep(100_000) }
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(atPath: pidFile)
        return true
    }

    private func locate() throws(DevServerError) -> String {
        if let explicit = server.environment["ATHANOR_COCKROACH_BIN"], FileManager.default.isExecutableFile(atPath: explicit) {
            return explicit
        }
        let path = (server.environment["PATH"] ?? "").split(separator: ":").map { String($0) + "/cockroach" }
        if let found = path.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        throw DevServerError("""
            no 'cockroach' binary on the PATH (nor at ATHANOR_COCKROACH_BIN). Download one from \
            https://www.cockroachlabs.com/docs/releases/ (Linux: 'curl https://binaries.cockroachdb.com/cockroach-v24.3.1.linux-amd64.tgz | tar xz' \
            and put cockroach-*/cockroach on the PATH), or run one in Docker: \
            'docker run -d -p 26257:26257 cockroachdb/cockroach:latest start-single-node --insecure' \
            and use cockroachdb://root@127.0.0.1:26257/defaultdb?sslmode=disable
            """)
    }
}
