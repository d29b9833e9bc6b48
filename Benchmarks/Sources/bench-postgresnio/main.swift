// bench-postgresnio: the Swift peer, PostgresNIO used directly, the way its users get the most out
// of it: binary format, `PostgresPreparedStatement`s (prepared once per connection), its own
// `PostgresClient` pool, one `unnest` statement per chunk for the bulk writes, and COPY (text
// format, the only one it offers) for W2. One workload per run, JSON rows on stdout (BenchSupport).
import BenchSupport
import Foundation
import Logging
import NIOCore
import PostgresNIO

let system = "postgresnio"
let arguments = Arguments.parse(system: system)
let workload = arguments.workload
let logger = Logger(label: "bench-postgresnio")
let allocationSample = 200

// MARK: - Types

extension Preferences: PostgresCodable, PostgresArrayEncodable {
    /// jsonb through JSONEncoder/JSONDecoder (PostgresNIO's default for Codable values).
    public static var psqlArrayType: PostgresDataType { .jsonbArray }
}

/// A text[] with NULL elements, in binary form: PostgresNIO's arrays have no optional elements,
/// so a user binding a nullable column to `unnest` writes this small encoder.
struct NullableTextArray: PostgresEncodable {
    var values: [String?]
    static var psqlType: PostgresDataType { .textArray }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) throws {
        buffer.writeInteger(Int32(1))                                 // dimensions
        buffer.writeInteger(Int32(values.contains(nil) ? 1 : 0))      // has nulls
        buffer.writeInteger(PostgresDataType.text.rawValue)           // element type
        buffer.writeInteger(Int32(values.count))                      // length
        buffer.writeInteger(Int32(1))                                 // lower bound
        for value in values {
            if let value {
                buffer.writeInteger(Int32(value.utf8.count))
                buffer.writeString(value)
            } else {
                buffer.writeInteger(Int32(-1))
            }
        }
    }
}

typealias UserTuple = (UUID, String, String, String?, Int64, Preferences, [String], Date, Date)

let returning = "id, email, name, nickname, login_count, preferences, roles, created_at, updated_at"

func decodeUser(_ row: PostgresRow) throws -> UserTuple {
    try row.decode(UserTuple.self)
}

// MARK: - Prepared statements

struct InsertOne: PostgresPreparedStatement {
    static let sql = "INSERT INTO users (id, email, name, nickname, login_count, preferences, roles, created_at, updated_at) "
        + "VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now()) RETURNING " + returning
    typealias Row = UserTuple
    var row: UserRow

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 7)
        bindings.append(row.id)
        bindings.append(row.email)
        bindings.append(row.name)
        bindings.append(row.nickname)
        bindings.append(row.loginCount)
        try bindings.append(row.preferences)
        bindings.append(row.roles)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try decodeUser(row) }
}

/// One chunk of an upsert: `unnest` of one array per column; `roles` travels as one text[]
/// literal per row and is cast back (unnest would flatten a two-dimensional array).
struct UpsertChunk: PostgresPreparedStatement {
    static let sql = "INSERT INTO users (id, email, name, nickname, login_count, preferences, roles, created_at, updated_at) "
        + "SELECT u.id, u.email, u.name, u.nickname, u.login_count, u.preferences, u.roles::text[], now(), now() "
        + "FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int8[], $6::jsonb[], $7::text[]) "
        + "AS u(id, email, name, nickname, login_count, preferences, roles) "
        + "ON CONFLICT (email) DO UPDATE SET name = excluded.name, nickname = excluded.nickname, "
        + "login_count = excluded.login_count, preferences = excluded.preferences, roles = excluded.roles, "
        + "updated_at = now() RETURNING " + returning
    typealias Row = UserTuple
    var rows: ArraySlice<UserRow>

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 7)
        bindings.append(rows.map(\.id))
        bindings.append(rows.map(\.email))
        bindings.append(rows.map(\.name))
        try bindings.append(NullableTextArray(values: rows.map(\.nickname)))
        bindings.append(rows.map(\.loginCount))
        try bindings.append(rows.map(\.preferences))
        bindings.append(rows.map { arrayLiteral($0.roles) })
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try decodeUser(row) }
}

struct GetByID: PostgresPreparedStatement {
    static let sql = "SELECT " + returning + " FROM users WHERE id = $1"
    typealias Row = UserTuple
    var id: UUID

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(id)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try decodeUser(row) }
}

struct ListPage: PostgresPreparedStatement {
    static let sql = "SELECT " + returning + " FROM users ORDER BY created_at LIMIT $1"
    typealias Row = UserTuple
    var limit: Int64

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(limit)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try decodeUser(row) }
}

struct ReadCounter: PostgresPreparedStatement {
    static let sql = "SELECT n FROM bench_counter WHERE id = 1"
    typealias Row = Int64
    func makeBindings() throws -> PostgresBindings { PostgresBindings() }
    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Int64.self) }
}

struct WriteCounter: PostgresPreparedStatement {
    static let sql = "UPDATE bench_counter SET n = $1 WHERE id = 1"
    typealias Row = ()
    var n: Int64

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(n)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {}
}

// MARK: - The client

func configuration(minimum: Int, maximum: Int) -> PostgresClient.Configuration {
    guard let url = URLComponents(string: arguments.url), let host = url.host else { fail("bad URL \(arguments.url)") }
    let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
    var configuration = PostgresClient.Configuration(
        host: host, port: url.port ?? 5432, username: url.user ?? "postgres", password: url.password,
        database: database.isEmpty ? nil : database, tls: .disable)
    configuration.options.minimumConnections = minimum
    configuration.options.maximumConnections = maximum
    return configuration
}

/// Runs `body` with a running client (PostgresClient needs its `run()` task).
func withClient<T>(minimum: Int = 0, maximum: Int = 1, _ body: (PostgresClient) async throws -> T) async throws -> T {
    let client = PostgresClient(configuration: configuration(minimum: minimum, maximum: maximum), backgroundLogger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await client.run() }
        defer { group.cancelAll() }
        return try await body(client)
    }
}

func seededIDs(_ client: PostgresClient) async throws -> [UUID] {
    var ids: [UUID] = []
    for try await id in try await client.query("SELECT id FROM users ORDER BY created_at").decode(UUID.self) { ids.append(id) }
    return ids
}

func collect<S: AsyncSequence>(_ sequence: S) async throws -> [S.Element] {
    var elements: [S.Element] = []
    for try await element in sequence { elements.append(element) }
    return elements
}

// MARK: - The workloads

/// Where a sequential loop sends its statements: one leased connection, or the client (a lease
/// per statement).
enum Target {
    case connection(PostgresConnection)
    case client(PostgresClient)

    func rows<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row] {
        switch self {
        case .connection(let connection): try await collect(try await connection.execute(statement, logger: logger))
        case .client(let client): try await collect(try await client.execute(statement))
        }
    }
}

/// As for Athanor (BenchSupport's `alternate`): W1, W5 and W6 on one leased connection
/// (`client.withConnection`, one lease per block), the workload's figure, and through
/// `PostgresClient` with a lease per statement, `lease_per_call`.
func sequential(
    calls: Int, allocationSample: Int, _ call: (Target, SequentialPath, _ index: Int) async throws -> Void
) async throws -> SequentialFigures {
    try await withClient { client in
        try await alternate(calls: calls, allocationSample: allocationSample) { path, range in
            guard path == .leased else {
                for index in range { try await call(.client(client), .perCall, index) }
                return
            }
            try await client.withConnection { connection in
                for index in range { try await call(.connection(connection), .leased, index) }
            }
        }
    }
}

let sequentialMethod = "on one leased connection (client.withConnection), alternating in blocks of 500 calls with "
    + "PostgresClient's lease per statement (lease_per_call)"

func w1() async throws {
    let total = Sizes.w1Creates + allocationSample
    let rows = [emailPrefix(of: "W1"), "w1p-"].map { prefix in (0..<total).map { makeRow(prefix: prefix, $0) } }
    let figures = try await sequential(calls: Sizes.w1Creates, allocationSample: allocationSample) { target, path, index in
        _ = try await target.rows(InsertOne(row: rows[path.rawValue][index]))
    }
    emit("W1", system: system, value: figures.leased, method: "prepared INSERT ... RETURNING, autocommit, " + sequentialMethod,
         sequentialFields(figures, allocationSample: allocationSample))
}

/// COPY ... FROM STDIN in text format: tab-separated, `\N` for NULL, backslash escapes.
func copyText(_ value: String) -> String {
    var out = ""
    for character in value {
        switch character {
        case "\\": out += "\\\\"
        case "\t": out += "\\t"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        default: out.append(character)
        }
    }
    return out
}

func w2() async throws {
    try await withClient { client in
        let rows = makeRows("W2", count: Sizes.w2Rows)
        let clock = Stopwatch()
        try await client.withConnection { connection in
            try await connection.copyFrom(
                table: "users", columns: ["id", "email", "name", "nickname", "login_count", "preferences", "roles"],
                logger: logger
            ) { writer in
                var buffer = ByteBuffer()
                for (k, row) in rows.enumerated() {
                    buffer.writeString(row.id.uuidString)
                    buffer.writeString("\t" + copyText(row.email) + "\t" + copyText(row.name) + "\t")
                    buffer.writeString(row.nickname.map(copyText) ?? "\\N")
                    buffer.writeString("\t\(row.loginCount)\t" + copyText(row.preferencesJSON) + "\t" + copyText(arrayLiteral(row.roles)) + "\n")
                    if k % 1_000 == 999 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
            }
        }
        emit("W2", system: system, value: Double(rows.count) / clock.seconds, method: "copyFrom (COPY FROM STDIN, text format)")
    }
}

func bulkUpsert(_ workload: String, count: Int) async throws {
    try await withClient { client in
        _ = try await client.query("SELECT 1")  // connect before measuring
        resetPeakResidentMemory()
        let rows = makeRows(workload, count: count)
        let clock = Stopwatch()
        var stored: [UserTuple] = []
        stored.reserveCapacity(count)
        if count <= Sizes.chunk {
            stored = try await collect(try await client.execute(UpsertChunk(rows: rows[...])))
        } else {
            stored = try await client.withTransaction(logger: logger) { connection in
                var stored: [UserTuple] = []
                stored.reserveCapacity(count)
                var start = 0
                while start < rows.count {
                    let end = min(start + Sizes.chunk, rows.count)
                    for try await user in try await connection.execute(UpsertChunk(rows: rows[start..<end]), logger: logger) {
                        stored.append(user)
                    }
                    start = end
                }
                return stored
            }
        }
        let rate = Double(count) / clock.seconds
        guard stored.count == count else { fail("\(workload): \(stored.count) rows returned") }
        let extras: [(String, Field)] = workload == "W9" ? [("peak_rss_bytes", .int(processStatusBytes("VmHWM")))] : []
        emit(workload, system: system, value: rate,
             method: "prepared INSERT ... SELECT FROM unnest(...) ON CONFLICT (email) DO UPDATE ... RETURNING, "
                + "\(Sizes.chunk) rows per statement, one transaction", extras)
    }
}

func w5() async throws {
    let ids = try await withClient { client in try await seededIDs(client) }
    let figures = try await sequential(calls: Sizes.w5Gets, allocationSample: allocationSample) { target, _, index in
        guard try await target.rows(GetByID(id: ids[index % ids.count])).count == 1 else { fail("W5: no row") }
    }
    emit("W5", system: system, value: figures.leased, method: "prepared SELECT ... WHERE id = $1 " + sequentialMethod,
         sequentialFields(figures, allocationSample: allocationSample))
}

func w6() async throws {
    let figures = try await sequential(calls: Sizes.w6Lists, allocationSample: 0) { target, _, _ in
        guard try await target.rows(ListPage(limit: Int64(Sizes.w6Page))).count == Sizes.w6Page else { fail("W6: short page") }
    }
    emit("W6", system: system, value: figures.leased,
         method: "prepared SELECT ... ORDER BY created_at LIMIT $1 " + sequentialMethod, sequentialFields(figures, allocationSample: 0))
}

func isRetryable(_ error: any Error) -> Bool {
    guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
    return state == "40001" || state == "40P01"
}

func w7() async throws {
    try await withClient(minimum: Sizes.w7Tasks, maximum: Sizes.w7Tasks) { client in
        let clock = Stopwatch()
        let outcomes = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for _ in 0..<Sizes.w7Tasks {
                group.addTask {
                    try await client.withConnection { connection in
                        var commits = 0
                        var retries = 0
                        for _ in 0..<Sizes.w7Transactions {
                            var attempt = 1
                            while true {
                                do {
                                    try await connection.query("BEGIN ISOLATION LEVEL SERIALIZABLE", logger: logger)
                                    let n = try await collect(try await connection.execute(ReadCounter(), logger: logger))[0]
                                    _ = try await connection.execute(WriteCounter(n: n + 1), logger: logger)
                                    try await connection.query("COMMIT", logger: logger)
                                    commits += 1
                                    break
                                } catch where isRetryable(error) && attempt < W7Backoff.maxAttempts {
                                    _ = try? await connection.query("ROLLBACK", logger: logger)
                                    retries += 1
                                    try await Task.sleep(for: W7Backoff.delay(beforeRetry: attempt))
                                    attempt += 1
                                }
                            }
                        }
                        return (commits, retries)
                    }
                }
            }
            return try await group.reduce(into: [(Int, Int)]()) { $0.append($1) }
        }
        let seconds = clock.seconds
        let commits = outcomes.reduce(0) { $0 + $1.0 }
        let final = try await collect(try await client.execute(ReadCounter()))[0]
        emit("W7", system: system, value: Double(commits) / seconds,
             method: "BEGIN ISOLATION LEVEL SERIALIZABLE, prepared read + UPDATE, COMMIT; retried on 40001 with the shared backoff",
             [("commits", .int(commits)), ("retries", .int(outcomes.reduce(0) { $0 + $1.1 })), ("final_counter", .int(Int(final)))])
    }
}

func w8() async throws {
    let maximum = Sizes.w8PoolSize + Sizes.w8MaxOverflow
    try await withClient(minimum: Sizes.w8PoolSize, maximum: maximum) { client in
        let ids = try await seededIDs(client)
        let run = try await concurrentGets(tasks: Sizes.w8Tasks, perTask: Sizes.w8GetsPerTask, get(client, ids))
        emit("W8", system: system, value: run.rate,
             method: "prepared get by id through PostgresClient (8 min, 12 max connections; it has no lease timeout)",
             [("p50_ms", .double(run.latencies.milliseconds(atPercentile: 50))),
              ("p99_ms", .double(run.latencies.milliseconds(atPercentile: 99))),
              ("timeouts", .int(0))])
    }
}

/// W8's and W11's get: the prepared get of seeded id `index` (modulo their count) through the
/// client (a lease per statement); PostgresClient has no lease timeout, so it never gives up.
func get(_ client: PostgresClient, _ ids: [UUID]) -> @Sendable (Int) async throws -> Bool {
    { index in
        _ = try await collect(try await client.execute(GetByID(id: ids[index % ids.count])))
        return true
    }
}

/// W11: W8's get by id from 1 to 1,024 tasks on each pool of the sweep (minimum = size, maximum =
/// size + overflow), one row per point, each after a warm-up of 2 gets per task.
func w11() async throws {
    for shape in Sizes.w11Pools {
        try await withClient(minimum: shape.size, maximum: shape.size + shape.maxOverflow) { client in
            let ids = try await seededIDs(client)
            for tasks in Sizes.w11Tasks {
                _ = try await concurrentGets(tasks: tasks, perTask: 2, deadline: Sizes.w11PointSeconds, get(client, ids))
                resetPeakResidentMemory()
                let before = ProcessUsage()
                let run = try await concurrentGets(tasks: tasks, perTask: Sizes.w11GetsPerPoint / tasks,
                                                   deadline: Sizes.w11PointSeconds, get(client, ids))
                emitSweepPoint(system: system, pool: shape, tasks: tasks, run, since: before,
                               method: "prepared get by id through PostgresClient (\(shape.size) min, "
                                   + "\(shape.size + shape.maxOverflow) max connections; no lease timeout)")
            }
        }
    }
}

// MARK: - W10

struct UpdateBalance: PostgresPreparedStatement {
    static let sql = TPCBSQL.updateAccount
    typealias Row = ()
    var delta: Int32
    var id: Int64

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(delta)
        bindings.append(id)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {}
}

/// pgbench's three balance updates differ only by table; PostgresNIO names a prepared statement
/// by its type, so each gets one.
struct UpdateTeller: PostgresPreparedStatement {
    static let sql = TPCBSQL.updateTeller
    typealias Row = ()
    var update: UpdateBalance
    func makeBindings() throws -> PostgresBindings { try update.makeBindings() }
    func decodeRow(_ row: PostgresRow) throws -> Row {}
}

struct UpdateBranch: PostgresPreparedStatement {
    static let sql = TPCBSQL.updateBranch
    typealias Row = ()
    var update: UpdateBalance
    func makeBindings() throws -> PostgresBindings { try update.makeBindings() }
    func decodeRow(_ row: PostgresRow) throws -> Row {}
}

struct ReadBalance: PostgresPreparedStatement {
    static let sql = TPCBSQL.readAccount
    typealias Row = Int32
    var id: Int64

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(id)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Int32.self) }
}

struct InsertHistory: PostgresPreparedStatement {
    static let sql = TPCBSQL.insertHistory
    typealias Row = ()
    var draw: TPCBDraw

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 4)
        bindings.append(draw.teller)
        bindings.append(draw.branch)
        bindings.append(draw.account)
        bindings.append(draw.delta)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {}
}

struct Totals: PostgresPreparedStatement {
    static let sql = TPCBSQL.totals
    typealias Row = (Int64, Int64, Int64, Int64, Int64)
    func makeBindings() throws -> PostgresBindings { PostgresBindings() }
    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// One TPC-B-like transaction on a connection: BEGIN, pgbench's five prepared statements, COMMIT.
func tpcbTransaction(_ connection: PostgresConnection, _ draw: TPCBDraw) async throws -> Int32 {
    try await connection.query("BEGIN", logger: logger)
    let update = UpdateBalance(delta: draw.delta, id: draw.account)
    _ = try await collect(try await connection.execute(update, logger: logger))
    let balance = try await collect(try await connection.execute(ReadBalance(id: draw.account), logger: logger))[0]
    _ = try await collect(try await connection.execute(UpdateTeller(update: UpdateBalance(delta: draw.delta, id: draw.teller)), logger: logger))
    _ = try await collect(try await connection.execute(UpdateBranch(update: UpdateBalance(delta: draw.delta, id: draw.branch)), logger: logger))
    _ = try await collect(try await connection.execute(InsertHistory(draw: draw), logger: logger))
    try await connection.query("COMMIT", logger: logger)
    return balance
}

/// W10: each client holds one connection for its whole share (pgbench's way), retrying each
/// transaction as a unit on 40001/40P01 with the shared backoff.
func w10() async throws {
    var deltas = 0, commits = 0
    for clients in Sizes.w10Clients {
        try await withClient(minimum: clients, maximum: clients) { client in
            // Open the clients' connections before the clock starts.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<clients {
                    group.addTask { try await client.withConnection { _ in try await Task.sleep(for: .milliseconds(100)) } }
                }
                try await group.waitForAll()
            }
            let outcome = try await tpcbPoint(clients: clients) { _, transactions in
                try await client.withConnection { connection in
                    var outcome = TPCBOutcome()
                    for _ in 0..<transactions {
                        let draw = TPCBDraw.random()
                        var attempt = 1
                        while true {
                            do {
                                _ = try await tpcbTransaction(connection, draw)
                                break
                            } catch where isRetryable(error) && attempt < W7Backoff.maxAttempts {
                                _ = try? await connection.query("ROLLBACK", logger: logger)
                                outcome.retries += 1
                                try await Task.sleep(for: W7Backoff.delay(beforeRetry: attempt))
                                attempt += 1
                            }
                        }
                        outcome.commits += 1
                        outcome.deltas += Int(draw.delta)
                    }
                    return outcome
                }
            }
            deltas += outcome.deltas
            commits += outcome.commits
            let totals = try await collect(try await client.execute(Totals()))[0]
            emitTPCBPoint(system: system, clients: clients, outcome, retries: outcome.retries,
                          totals: [totals.0, totals.1, totals.2, totals.3, totals.4], deltas: deltas, commits: commits,
                          method: "BEGIN, prepared UPDATE accounts, SELECT balance, UPDATE tellers, UPDATE branches, "
                              + "INSERT history, COMMIT, retried on 40001/40P01; one connection per client (client.withConnection)")
        }
    }
}

do {
    switch workload {
    case "W1": try await w1()
    case "W2": try await w2()
    case "W3", "W4": try await bulkUpsert(workload, count: Sizes.w3Rows)
    case "W5": try await w5()
    case "W6": try await w6()
    case "W7": try await w7()
    case "W8": try await w8()
    case "W10": try await w10()
    case "W11": try await w11()
    case "W12": try await w12()
    case "W13": try await w13()
    default: try await bulkUpsert("W9", count: Sizes.w9Rows)
    }
} catch {
    fail("bench-postgresnio \(workload): \(String(reflecting: error))")
}
