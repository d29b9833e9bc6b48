import Foundation

/// The folder holding PostgreSQL's server programs (`initdb`, `pg_ctl`, `postgres`).
///
/// Looked for, in this order: `ATHANOR_PG_BIN`; `pg_config --bindir`; the usual install folders
/// (`/usr/lib/postgresql/*/bin`, newest version first, as Debian and Ubuntu install them;
/// `/usr/pgsql-*/bin` on Red Hat; Homebrew's; `/usr/local/pgsql/bin`); then the PATH. A folder
/// counts only when it holds all three programs: `pg_config` alone comes with the client
/// libraries (`libpq-dev`), without a server.
public struct PostgresBinaries: Sendable {
    /// The folder of the programs.
    public let folder: String

    /// The path of one program of the folder (`initdb`, `pg_ctl`, `postgres`, `psql`).
    public func path(_ program: String) -> String { folder + "/" + program }

    /// Finds the programs, or throws an error that says what to install.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(DevServerError) -> PostgresBinaries {
        for folder in candidates(environment: environment) where isServerFolder(folder) {
            return PostgresBinaries(folder: folder)
        }
        throw DevServerError("""
            no PostgreSQL server programs (initdb, pg_ctl, postgres) found: not in ATHANOR_PG_BIN, \
            pg_config --bindir, /usr/lib/postgresql/*/bin, /usr/pgsql-*/bin, Homebrew's folders or the PATH. \
            Install a server: 'apt-get install postgresql' (Debian, Ubuntu), 'dnf install postgresql-server' \
            (Fedora, RHEL), 'brew install postgresql@17' (macOS); or set ATHANOR_PG_BIN to the folder of initdb
            """)
    }

    /// Every folder worth looking at, in order of preference.
    static func candidates(environment: [String: String]) -> [String] {
        var folders: [String] = []
        if let explicit = environment["ATHANOR_PG_BIN"], !explicit.isEmpty { folders.append(explicit) }
        if let bindir = pgConfigBindir(environment: environment) { folders.append(bindir) }
        folders += versionedFolders(in: "/usr/lib/postgresql", suffix: "/bin", prefix: "")
        folders += versionedFolders(in: "/usr", suffix: "/bin", prefix: "pgsql-")
        folders += versionedFolders(in: "/opt/homebrew/opt", suffix: "/bin", prefix: "postgresql")
        folders += versionedFolders(in: "/usr/local/opt", suffix: "/bin", prefix: "postgresql")
        folders += ["/usr/local/pgsql/bin"]
        folders += (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return folders
    }

    /// `pg_config --bindir`, when a `pg_config` is on the PATH.
    static func pgConfigBindir(environment: [String: String]) -> String? {
        let path = (environment["PATH"] ?? "").split(separator: ":").map { String($0) + "/pg_config" }
        guard let pgConfig = path.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        guard let output: String = try? ChildProcess.capture([pgConfig, "--bindir"]) else { return nil }
        let folder = output.trimmingCharacters(in: .whitespacesAndNewlines)
        return folder.isEmpty ? nil : folder
    }

    /// `base/<prefix><version><suffix>` for every version there, the highest first.
    static func versionedFolders(in base: String, suffix: String, prefix: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return [] }
        let versions = names.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        let sorted = versions.sorted { (Int($0.prefix { $0.isNumber }) ?? -1) > (Int($1.prefix { $0.isNumber }) ?? -1) }
        return sorted.map { base + "/" + prefix + $0 + suffix }
    }

    static func isServerFolder(_ folder: String) -> Bool {
        ["initdb", "pg_ctl", "postgres"].allSatisfy { FileManager.default.isExecutableFile(atPath: folder + "/" + $0) }
    }
}
