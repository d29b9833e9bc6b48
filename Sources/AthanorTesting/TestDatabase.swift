import Athanor
import Testing

/// A test's own database, holding its schema and nothing else, with a pool on it.
///
/// ```swift
/// @Test(.tags(.postgres)) func createsAUser() async throws {
///     try await TestDatabase.with(.shop) { db in
///         let users = UserRepository(db.pool)
///         let ada = try await users.create(User(email: "ada@example.com", name: "Ada"))
///         #expect(try await users.get(ada.id).name == "Ada")
///     }
/// }
/// ```
///
/// The database is dropped however the body ends: returning, throwing, failing an expectation
/// or being cancelled. A run that crashed leaves databases named `athanor_test_<run>_...`;
/// the next run on the server drops them (see ``TestDatabaseMode`` for the cheaper modes).
public struct TestDatabase: Sendable {
    /// The server the database is on.
    public let dialect: TestDialect
    /// How the database was made.
    public let mode: TestDatabaseMode
    /// The database's name (in ``TestDatabaseMode/schema`` mode, the schema's).
    public let name: String
    /// A URL that reaches the database (with `search_path` set to the schema in schema mode).
    public let url: DatabaseURL
    /// A pool on ``url``. In ``TestDatabaseMode/transaction`` mode it is shared by the run's
    /// tests and commits for real: use ``executor``.
    public let pool: ConnectionPool
    /// What to give the repositories: ``pool``, or in ``TestDatabaseMode/transaction`` mode the
    /// test's transaction (rolled back at the end).
    public let executor: any DatabaseExecutor

    /// The database of the test running now, when it has the ``Testing/Trait/database(_:dialect:mode:poolSize:)`` trait.
    @TaskLocal public static var current: TestDatabase?

    /// Gives `body` a fresh database of `schema` on `dialect`'s server (its URL from
    /// ``TestDialect/variable``), made as `mode` says, and drops it afterwards.
    ///
    /// When the variable is not set, the test is skipped with a reason naming it, or fails
    /// when `ATHANOR_REQUIRE_DATABASE` requires that server. `poolSize` is the size of the
    /// database's pool (it may grow by as many again under load).
    public static func with<T>(
        _ schema: TestSchema, dialect: TestDialect = .postgres, mode: TestDatabaseMode = .default, poolSize: Int = 2,
        _ body: (TestDatabase) async throws -> T
    ) async throws -> T {
        let server = try await server(for: dialect)
        let mode = dialect == .cockroachdb && mode == .template ? .database : mode
        switch mode {
        case .database, .template:
            let name = await server.nextName()
            let template = mode == .template ? try await server.template(for: schema) : nil
            try await server.createDatabase(name, template: template)
            let url = await server.url(database: name)
            let pool = ConnectionPool(url: url, configuration: PoolConfiguration(size: poolSize, maxOverflow: poolSize))
            return try await cleaningUp({ await pool.close(); await server.drop(name) }) {
                if template == nil { try await pool.withConnection { try await schema.prepare($0) } }
                return try await body(TestDatabase(dialect: dialect, mode: mode, name: name, url: url, pool: pool, executor: pool))
            }
        case .schema:
            let shared = try await server.sharedDatabase(for: schema, prepared: false)
            let name = await server.nextName()
            let quoted = SQLIdentifier.quoted(name)
            try await shared.pool.withConnection { try await $0.executeScript("CREATE SCHEMA \(quoted)") }
            let url = shared.url.setting("options", to: "-c search_path=\(name)")
            let pool = ConnectionPool(url: url, configuration: PoolConfiguration(size: poolSize, maxOverflow: poolSize))
            let drop = { @Sendable in
                await pool.close()
                _ = try? await shared.pool.withConnection { try await $0.executeScript("DROP SCHEMA \(quoted) CASCADE") }
            }
            return try await cleaningUp(drop) {
                try await pool.withConnection { try await schema.prepare($0) }
                return try await body(TestDatabase(dialect: dialect, mode: mode, name: name, url: url, pool: pool, executor: pool))
            }
        case .transaction:
            let shared = try await server.sharedDatabase(for: schema, prepared: true)
            var result: T?
            do {
                _ = try await shared.pool.transaction(retry: RetryPolicy.none) { transaction -> Int in
                    result = try await body(TestDatabase(dialect: dialect, mode: mode, name: shared.name, url: shared.url,
                                                         pool: shared.pool, executor: transaction))
                    throw RollBack()
                }
            } catch is RollBack {}
            guard let result else { throw TestDatabaseError("the test's transaction ended without a result") }
            return result
        }
    }

    /// The ready server of `dialect`, or a skip (or failure) naming its variable.
    static func server(for dialect: TestDialect) async throws -> TestServer {
        switch dialect.availability() {
        case .available(let url):
            return try await TestServer.shared(dialect, url: url)
        case .skipped(let reason):
            try Test.cancel(Comment(rawValue: reason))
        case .required(let reason):
            throw TestDatabaseError(reason)  // recorded by the test as its failure, with the reason
        }
    }

    /// Runs `body`, then `cleanup` in a task of its own (so that it runs even when the test's
    /// task is cancelled), whether `body` returned or threw.
    private static func cleaningUp<T>(_ cleanup: @escaping @Sendable () async -> Void,
                                      _ body: () async throws -> T) async throws -> T {
        do {
            let value = try await body()
            await Task.detached(operation: cleanup).value
            return value
        } catch {
            await Task.detached(operation: cleanup).value
            throw error
        }
    }

    /// Thrown in a transaction-mode test's transaction to roll it back.
    private struct RollBack: Error {}
}

/// A test database could not be made or reached; the message says why.
public struct TestDatabaseError: Error, Sendable, CustomStringConvertible {
    /// The reason.
    public let description: String

    /// An error with this reason.
    public init(_ description: String) { self.description = description }
}
