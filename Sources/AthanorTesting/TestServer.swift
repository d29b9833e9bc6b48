import Athanor
import Foundation

/// One server of database tests (a base URL), for this process's run: the connection that holds
/// the run's lock, the pool that creates and drops databases, the template and shared databases
/// of each schema. The first test on a server drops what crashed runs left there.
actor TestServer {
    nonisolated let dialect: TestDialect
    nonisolated let baseURL: DatabaseURL
    nonisolated let run: TestRun
    /// Creates and drops databases (statements outside any transaction).
    private let admin: ConnectionPool
    /// Holds the run's advisory lock for as long as the process lives (PostgreSQL).
    private var lockConnection: Connection?
    private var ready: Task<Void, any Error>?
    private var counter = 0
    private var templates: [String: Task<String, any Error>] = [:]
    private var shared: [String: Task<SharedDatabase, any Error>] = [:]

    /// A database several tests of the run share (schema and transaction modes), with its pool.
    struct SharedDatabase: Sendable {
        let name: String
        let url: DatabaseURL
        let pool: ConnectionPool
    }

    init(dialect: TestDialect, baseURL: DatabaseURL, run: TestRun) {
        self.dialect = dialect
        self.baseURL = baseURL
        self.run = run
        // Hundreds of tests may start at once and wait here for their CREATE DATABASE: a long wait
        // is the queue, not a fault.
        self.admin = ConnectionPool(url: baseURL, configuration: PoolConfiguration(size: 2, maxOverflow: 6, timeout: .seconds(900)))
    }

    /// The server of `url` for this process (one per URL), ready: locked and reaped.
    static func shared(_ dialect: TestDialect, url text: String) async throws -> TestServer {
        let server = try await TestServers.registry.server(dialect, url: text)
        try await server.prepareRun()
        return server
    }

    /// Takes the run's lock and drops crashed runs' databases, once.
    func prepareRun() async throws {
        if ready == nil {
            ready = Task { try await self.lockAndReap() }
        }
        try await ready?.value
    }

    private func lockAndReap() async throws {
        if dialect == .postgres {
            let connection = try await Connection.connect(to: baseURL)
            try await connection.executeScript("SELECT pg_advisory_lock(\(TestRun.lockClass), \(run.lockKey))")
            lockConnection = connection
        }
        _ = try await reap()
    }

    /// Drops every database of a run that is over: on PostgreSQL one whose lock nobody holds
    /// (its process ended without cleaning up), on CockroachDB (no advisory locks) one that
    /// started over 6 hours ago. Returns the names dropped.
    func reap() async throws -> [String] {
        let rows = try await admin.withConnection {
            try await $0.query("SELECT datname FROM pg_database WHERE datname LIKE 'athanor\\_test\\_%'")
        }
        var byRun: [TestRun: [String]] = [:]
        for row in rows {
            let name = try row.decode(String.self, at: 0)
            if let owner = TestRun(databaseName: name), owner != run { byRun[owner, default: []].append(name) }
        }
        var dropped: [String] = []
        for (owner, names) in byRun.sorted(by: { $0.key.id < $1.key.id }) {
            if dialect == .postgres {
                guard let lock = lockConnection else { break }
                let key = "\(TestRun.lockClass), \(owner.lockKey)"
                let free = try await lock.query("SELECT pg_try_advisory_lock(\(key))")[0].decode(Bool.self, at: 0)
                guard free else { continue }  // that run is alive
                for name in names where await drop(name) { dropped.append(name) }
                _ = try await lock.query("SELECT pg_advisory_unlock(\(key))")
            } else if owner.started < Date(timeIntervalSinceNow: -6 * 3600) {
                for name in names where await drop(name) { dropped.append(name) }
            }
        }
        return dropped
    }

    /// A new name of this run: `athanor_test_<run>_<n>`.
    func nextName() -> String {
        counter += 1
        return run.name(String(counter))
    }

    /// The base URL, on database `name`.
    func url(database name: String) -> DatabaseURL {
        var url = baseURL
        url.database = name
        return url
    }

    /// `CREATE DATABASE name [TEMPLATE template]`.
    func createDatabase(_ name: String, template: String? = nil) async throws {
        var sql = "CREATE DATABASE \(SQLIdentifier.quoted(name))"
        if let template { sql += " TEMPLATE \(SQLIdentifier.quoted(template))" }
        try await admin.withConnection { try await $0.executeScript(sql) }
    }

    /// Drops database `name`, ending its sessions; returns whether it worked (never throws:
    /// cleanup must not hide the test's own outcome).
    @discardableResult
    func drop(_ name: String) async -> Bool {
        let sql = dialect == .postgres
            ? "DROP DATABASE IF EXISTS \(SQLIdentifier.quoted(name)) WITH (FORCE)"
            : "DROP DATABASE IF EXISTS \(SQLIdentifier.quoted(name)) CASCADE"
        do {
            try await admin.withConnection { try await $0.executeScript(sql) }
            return true
        } catch {
            return false
        }
    }

    /// The run's template database of `schema`, created and prepared on first use.
    func template(for schema: TestSchema) async throws -> String {
        let key = schema.fingerprint
        if templates[key] == nil {
            let name = run.name("template_\(templates.count + 1)")
            templates[key] = Task { try await self.makePrepared(name, schema: schema) }
        }
        return try await templates[key]!.value
    }

    /// The run's shared database of `schema` for a mode (`schemas`: empty, for schema mode;
    /// `tx`: prepared, for transaction mode), with a pool on it.
    func sharedDatabase(for schema: TestSchema, prepared: Bool) async throws -> SharedDatabase {
        let key = (prepared ? "tx\u{0}" : "schemas\u{0}") + (prepared ? schema.fingerprint : "")
        if shared[key] == nil {
            let name = run.name(prepared ? "tx_\(shared.count + 1)" : "schemas")
            shared[key] = Task {
                _ = try await self.makePrepared(name, schema: prepared ? schema : .empty)
                let url = self.url(database: name)
                return SharedDatabase(name: name, url: url,
                                      pool: ConnectionPool(url: url, configuration: PoolConfiguration(size: 4, maxOverflow: 12)))
            }
        }
        return try await shared[key]!.value
    }

    /// Creates database `name` and puts `schema` in it through a connection closed afterwards
    /// (a template must have no session when it is cloned).
    private func makePrepared(_ name: String, schema: TestSchema) async throws -> String {
        try await createDatabase(name)
        let connection = try await Connection.connect(to: url(database: name))
        defer { connection.close() }
        try await schema.prepare(connection)
        return name
    }
}

/// The servers of this process, one per base URL.
enum TestServers {
    static let registry = Registry()

    actor Registry {
        private var servers: [String: TestServer] = [:]
        private let run = TestRun.make()

        func server(_ dialect: TestDialect, url text: String) throws -> TestServer {
            if let server = servers[text] { return server }
            let server = TestServer(dialect: dialect, baseURL: try DatabaseURL(text), run: run)
            servers[text] = server
            return server
        }
    }
}
