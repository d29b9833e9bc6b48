import Foundation
import Glibc

/// Running the server's programs: synchronously, stdin from /dev/null, stdout and stderr
/// appended to a log file, and every other descriptor closed first, so that a server `pg_ctl`
/// leaves behind never holds a pipe of ours (a `$(athanor dev start)` would wait for it forever).
/// When `user` is given (we are root), the program runs as that user through `runuser`.
enum ChildProcess {
    /// Runs `arguments` to the end; returns its exit status (a killed program counts as 128 + signal).
    static func run(_ arguments: [String], user: String? = nil, log: String) throws(DevServerError) -> Int32 {
        let closeAll = #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null; exec "$@""#
        var command = ["/bin/bash", "-c", closeAll, "bash"]
        if let user { command += [runuser, "-u", user, "--"] }
        command += arguments
        let pid = try spawn(command, log: log)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Runs `arguments` and returns what it wrote on stdout; throws when it fails.
    static func capture(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw DevServerError("\(arguments[0]) exited with status \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }

    /// `runuser`, where util-linux puts it.
    static var runuser: String {
        ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "runuser"
    }

    /// posix_spawn with stdin from /dev/null and stdout and stderr appended to `log`.
    private static func spawn(_ command: [String], log: String) throws(DevServerError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let copies: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { copies.forEach { free($0) } }
        let result = posix_spawn(&pid, command[0], &actions, nil, copies, environ)
        guard result == 0 else { throw DevServerError("cannot start \(command[0]): \(String(cString: strerror(result)))") }
        return pid
    }
}
