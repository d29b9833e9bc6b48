// The seam between the benchmark and Athanor's API for the `users` table.
//
// `GeneratedUsers` (what scripts/bench runs) goes through the generated `UserRepository` of
// target BenchModels (AthanorPlugin on Shop.schema), exactly as a user writes it: `create`,
// `createMany`, `upsertMany(matching: .email)`, `get`, `list(orderBy:limit:)`. The values are
// built as `User`s before the clock starts, as a user's code would already hold them.
//
// `RuntimeUsers` is the provisional path of the first runs, kept for comparison only
// (`ATHANOR_BENCH_PATH=runtime`, never set by scripts/bench): the runtime directly
// (`ConnectionPool.query`, `transaction`) with hand-written SQL, rows as `VALUES` (or as
// `unnest`, `ATHANOR_BENCH_SOURCE=unnest`), decoded into `StoredUser`s.
import Athanor
import BenchModels
import BenchSupport
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#endif

/// A stored user, decoded by hand (the runtime path).
struct StoredUser: Sendable {
    var id: UUID
    var email: String
    var name: String
    var nickname: String?
    var loginCount: Int64
    var preferences: JSONB
    var roles: [String]
    var createdAt: Date
    var updatedAt: Date

    init(_ row: Row) throws {
        id = try row.decode(at: 0)
        email = try row.decode(at: 1)
        name = try row.decode(at: 2)
        nickname = try row.decode(at: 3)
        loginCount = try row.decode(at: 4)
        preferences = try row.decode(at: 5)
        roles = try row.decode(at: 6)
        createdAt = try row.decode(at: 7)
        updatedAt = try row.decode(at: 8)
    }
}

/// What the workloads need of the `users` repository. Every call decodes the rows it gets back
/// into values, as the generated repositories do; the workloads only check how many there were.
protocol UserStore: Sendable {
    /// What the store writes: the generated `User`, or the workloads' `UserRow`.
    associatedtype Value: Sendable
    /// How the store talks to the server (the `method` field of the results).
    var method: String { get }
    /// The value of a row (built before the clock starts).
    func value(_ row: UserRow) -> Value
    func create(_ value: Value) async throws
    /// The number of values returned.
    func createMany(_ values: [Value]) async throws -> Int
    /// The number of rows written (binary COPY).
    func copyMany(_ values: [Value]) async throws -> Int
    /// The number of values returned.
    func upsertManyMatchingEmail(_ values: [Value]) async throws -> Int
    /// Whether the row was found.
    func get(_ id: UUID) async throws -> Bool
    /// The number of values returned.
    func listByCreatedAt(limit: Int) async throws -> Int
}

/// The store the benchmark uses: the generated repository, unless `ATHANOR_BENCH_PATH=runtime`.
func makeUserStore(pool: ConnectionPool) -> any UserStore {
    let environment = { (name: String) in getenv(name).map { String(cString: $0) } }
    guard environment("ATHANOR_BENCH_PATH") == "runtime" else { return GeneratedUsers(repository: UserRepository(pool)) }
    return RuntimeUsers(pool: pool, unnest: environment("ATHANOR_BENCH_SOURCE") == "unnest")
}

/// Through the generated `UserRepository`.
struct GeneratedUsers: UserStore {
    let repository: UserRepository

    var method: String { "generated UserRepository (bulk rows as unnest, \(Sizes.chunk) per statement; single rows as VALUES)" }

    func value(_ row: UserRow) -> User {
        User(email: row.email, name: row.name, nickname: row.nickname, loginCount: row.loginCount,
             preferences: JSONB(json: row.preferencesJSON), roles: row.roles, id: row.id)
    }

    func create(_ value: User) async throws { try await repository.create(value) }

    func createMany(_ values: [User]) async throws -> Int { try await repository.createMany(values).count }

    func copyMany(_ values: [User]) async throws -> Int { try await repository.copyMany(values) }

    func upsertManyMatchingEmail(_ values: [User]) async throws -> Int {
        try await repository.upsertMany(values, matching: .email).count
    }

    func get(_ id: UUID) async throws -> Bool {
        do {
            _ = try await repository.get(id)
            return true
        } catch is RecordNotFound {
            return false
        }
    }

    func listByCreatedAt(limit: Int) async throws -> Int {
        try await repository.list(orderBy: [User.columns.createdAt.ascending], limit: limit).count
    }
}

/// Through the runtime directly, with the generated repositories' SQL (see the top of the file).
struct RuntimeUsers: UserStore {
    let pool: ConnectionPool
    /// Bulk rows as `unnest` rather than `VALUES` (the experiment of `makeUserStore`).
    let unnest: Bool
    let batchSize = Sizes.chunk

    var method: String {
        unnest ? "runtime directly, bulk rows as unnest, \(batchSize) rows per statement"
            : "runtime directly, bulk rows as VALUES, \(batchSize) rows per statement"
    }

    func value(_ row: UserRow) -> UserRow { row }

    static let columns = ["\"id\"", "\"email\"", "\"name\"", "\"nickname\"", "\"login_count\"", "\"preferences\"", "\"roles\""]
    static let types = ["uuid", "text", "text", "text", "int8", "jsonb", "text[]"]
    static let returning = "\"id\", \"email\", \"name\", \"nickname\", \"login_count\", \"preferences\", \"roles\", \"created_at\", \"updated_at\""
    static let insertHead = "INSERT INTO \"users\" (" + columns.joined(separator: ", ") + ", \"created_at\", \"updated_at\") SELECT "
        + columns.map { "u.\($0)" }.joined(separator: ", ") + ", now(), now() FROM "
    static let insertTail = " RETURNING " + returning
    static let upsertTail = " ON CONFLICT (\"email\") DO UPDATE SET \"name\" = excluded.\"name\", \"nickname\" = excluded.\"nickname\", "
        + "\"login_count\" = excluded.\"login_count\", \"preferences\" = excluded.\"preferences\", \"roles\" = excluded.\"roles\", "
        + "\"updated_at\" = now() RETURNING " + returning
    static let select = "SELECT " + returning + " FROM \"users\""

    /// `(VALUES ($1::uuid, ...), (...)) AS u(...)`, as the runtime writes a `VALUES` list (`BulkSQL.rows`).
    static func source(rows: Int) -> String {
        var sql = "(VALUES "
        sql.reserveCapacity(rows * types.count * 12)
        for row in 0..<rows {
            if row > 0 { sql += ", " }
            sql += "("
            for (offset, type) in types.enumerated() {
                if offset > 0 { sql += ", " }
                sql += "$\(row * types.count + offset + 1)::\(type)"
            }
            sql += ")"
        }
        return sql + ") AS u(" + columns.joined(separator: ", ") + ")"
    }

    /// `unnest($1::uuid[], ...) AS u(...)`, `roles` as one text[] literal per row.
    static let unnestSource = "unnest(" + types.enumerated().map { "$\($0.offset + 1)::\($0.element == "text[]" ? "text" : $0.element)[]" }
        .joined(separator: ", ") + ") AS u(" + columns.joined(separator: ", ") + ")"
    static let unnestHead = insertHead.replacing("u.\"roles\", now()", with: "u.\"roles\"::text[], now()")

    static func columnParameters(_ rows: ArraySlice<UserRow>) -> [any PostgresEncodable] {
        [rows.map(\.id), rows.map(\.email), rows.map(\.name), rows.map(\.nickname), rows.map(\.loginCount),
         rows.map { JSONB(json: $0.preferencesJSON) }, rows.map { arrayLiteral($0.roles) }]
    }

    func statement(_ rows: ArraySlice<UserRow>, tail: String) -> (String, [any PostgresEncodable]) {
        unnest ? (Self.unnestHead + Self.unnestSource + tail, Self.columnParameters(rows))
            : (Self.insertHead + Self.source(rows: rows.count) + tail, Self.parameters(rows))
    }

    static func parameters(_ rows: ArraySlice<UserRow>) -> [any PostgresEncodable] {
        var parameters: [any PostgresEncodable] = []
        parameters.reserveCapacity(rows.count * types.count)
        for row in rows {
            parameters += [row.id, row.email, row.name, row.nickname, row.loginCount, JSONB(json: row.preferencesJSON), row.roles]
        }
        return parameters
    }

    func create(_ row: UserRow) async throws {
        let sql = Self.insertHead + Self.source(rows: 1) + Self.insertTail
        _ = try StoredUser(try await pool.query(sql, Self.parameters([row][...]))[0])
    }

    func createMany(_ rows: [UserRow]) async throws -> Int { try await write(rows, tail: Self.insertTail).count }

    func copyMany(_ rows: [UserRow]) async throws -> Int {
        try await pool.transaction { tx in
            try await tx.connection.copy(
                into: "users", columns: ["id", "email", "name", "nickname", "login_count", "preferences", "roles"],
                rows: rows.lazy.map { [$0.id, $0.email, $0.name, $0.nickname, $0.loginCount, JSONB(json: $0.preferencesJSON), $0.roles] })
        }
    }

    func upsertManyMatchingEmail(_ rows: [UserRow]) async throws -> Int { try await write(rows, tail: Self.upsertTail).count }

    /// One statement per chunk; several chunks share one transaction (`RepositoryCore.write`).
    func write(_ rows: [UserRow], tail: String) async throws -> [StoredUser] {
        if rows.count <= batchSize {
            let (sql, parameters) = statement(rows[...], tail: tail)
            return try (try await pool.query(sql, parameters)).map(StoredUser.init)
        }
        let batchSize = self.batchSize
        return try await pool.transaction { tx in
            var stored: [StoredUser] = []
            stored.reserveCapacity(rows.count)
            var start = 0
            while start < rows.count {
                let end = min(start + batchSize, rows.count)
                let (sql, parameters) = statement(rows[start..<end], tail: tail)
                for row in try await tx.query(sql, parameters) { stored.append(try StoredUser(row)) }
                start = end
            }
            return stored
        }
    }

    func get(_ id: UUID) async throws -> Bool {
        let rows = try await pool.query(Self.select + " WHERE \"id\" = $1", [id], idempotent: true)
        return try rows.first.map(StoredUser.init) != nil
    }

    func listByCreatedAt(limit: Int) async throws -> Int {
        let rows = try await pool.query(Self.select + " ORDER BY \"created_at\" LIMIT $1", [Int64(limit)], idempotent: true)
        return try rows.map(StoredUser.init).count
    }
}
