// bench-eventloop: issue 16's event-loop lead, measured. A prototype of E event-loop threads
// driving N nonblocking libpq connections (EventLoop, LoopConnection, EventLoopGroup), against
// Athanor's thread per connection (the generated UserRepository), on the gets of W5, W8 and
// W11, in one process, the designs alternating round by round. Results: one JSON row per design,
// point and round on stdout, then a summary of paired ratios (Markdown tables).
//
//   bench-eventloop [--url URL] [--loops 1,2] [--callers pool,loop] [--rounds 3]
//                   [--workloads W5,W8,W11] [--seed] [--fixed-pool] [--max-load 2.5] [--max-load-wait 600]
import Athanor
import BenchSupport
import CLibPQEventLoop
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#endif

/// The command line.
struct Options {
    var url = getenv("DATABASE_URL").map { String(cString: $0) } ?? ""
    var loops = [1, 2]
    var callersOnLoops = [false]
    var rounds = 3
    var workloads = ["W5", "W8", "W11"]
    var seed = false
    var maxLoad = 2.5
    var maxLoadWait = 600.0
    var fixedPool = false

    static let usage = """
        usage: bench-eventloop [--url URL (default DATABASE_URL)] [--loops 1,2] [--callers pool,loop]
                               [--rounds 3] [--workloads W5,W8,W11] [--seed] [--fixed-pool]
                               [--max-load 2.5] [--max-load-wait 600]
        --callers pool: the get's callers run on Swift's cooperative pool; loop: tasks prefer the loops.
        --fixed-pool: also Athanor's pool with every connection kept (size + overflow, no overflow).
        --seed: truncate users and seed 10,000 rows as the harness seeds W5/W8/W11 (the table must exist).

        """

    static func parse() -> Options {
        var options = Options()
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        func list(_ text: String?) -> [String] { (text ?? "").split(separator: ",").map { String($0) } }
        while let argument = arguments.next() {
            switch argument {
            case "--url": options.url = arguments.next() ?? ""
            case "--loops": options.loops = list(arguments.next()).compactMap { Int($0) }.filter { $0 > 0 }
            case "--callers": options.callersOnLoops = list(arguments.next()).map { $0 == "loop" }
            case "--rounds": options.rounds = max(1, Int(arguments.next() ?? "") ?? 3)
            case "--workloads": options.workloads = list(arguments.next()).map { $0.uppercased() }
            case "--seed": options.seed = true
            case "--fixed-pool": options.fixedPool = true
            case "--max-load": options.maxLoad = Double(arguments.next() ?? "") ?? 2.5
            case "--max-load-wait": options.maxLoadWait = Double(arguments.next() ?? "") ?? 600
            case "-h", "--help":
                writeStandardError(usage)
                exit(0)
            default:
                writeStandardError("bench-eventloop: unknown argument \(argument)\n" + usage)
                exit(2)
            }
        }
        guard !options.url.isEmpty, !options.loops.isEmpty, !options.callersOnLoops.isEmpty else {
            writeStandardError("bench-eventloop: no --url and no DATABASE_URL, or an empty list\n" + usage)
            exit(2)
        }
        return options
    }

    /// Athanor's thread per connection (a lease per get; leased too for W5), then each event loop.
    var designs: [Design] {
        var designs: [Design] = [.threadPerConnection, .threadPerConnectionLeased]
        if fixedPool { designs.append(.threadPerConnectionFixed) }
        for onLoops in callersOnLoops {
            for count in loops { designs.append(.eventLoop(loops: count, callersOnLoops: onLoops)) }
        }
        return designs
    }
}

/// Seeds `users` as Benchmarks/harness/bench.py does for W5, W6, W8 and W11 (its `SEED`
/// statement with id `md5('seed' || i)::uuid`), then `VACUUM ANALYZE` and `CHECKPOINT`. Blocking
/// libpq on the main thread, before anything is measured.
func seedUsers(url: String) throws(LoopError) {
    let statements = [
        "TRUNCATE users CASCADE",
        "INSERT INTO users (id, email, name, nickname, login_count, preferences, roles, created_at, updated_at) "
            + "SELECT md5('seed' || i)::uuid, 'seed' || i || '@example.com', 'User ' || i, "
            + "CASE WHEN i % 3 = 0 THEN NULL ELSE 'nick' || i END, i % 100, "
            + "jsonb_build_object('theme', CASE WHEN i % 2 = 1 THEN 'dark' ELSE 'light' END, 'lang', 'en', "
            + "'digest', i % 7 = 0, 'page_size', 25), "
            + "CASE WHEN i % 10 = 0 THEN '{user,admin}'::text[] ELSE '{user}'::text[] END, "
            + "timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second', now() "
            + "FROM generate_series(0, 9999) AS i",
        "VACUUM ANALYZE users",
        "CHECKPOINT",
    ]
    guard let connection = PQconnectdb(url) else { throw .connect("out of memory") }
    defer { PQfinish(connection) }
    guard PQstatus(connection) == CONNECTION_OK else { throw .connect("cannot connect to seed") }
    for statement in statements {
        guard let result = PQexec(connection, statement) else { throw .query("seeding: no result") }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw .query("seeding: " + (PQresultErrorMessage(result).map { String(cString: $0) } ?? ""))
        }
    }
}

let options = Options.parse()
do {
    if options.seed { try seedUsers(url: options.url) }
    let pool = try ConnectionPool(url: options.url, configuration: PoolConfiguration(size: 1, maxOverflow: 0))
    let ids = try await pool.query("SELECT id FROM users ORDER BY created_at", idempotent: true).map { try $0.decode(UUID.self, at: 0) }
    await pool.close()
    guard ids.count == 10_000 else { fail("bench-eventloop: \(ids.count) seeded users, expected 10,000 (use --seed)") }
    let groups = PointGroup.groups(options.workloads)
    let comparison = Comparison(url: options.url, designs: options.designs, groups: groups, rounds: options.rounds,
                                maxLoad: options.maxLoad, maxLoadWait: options.maxLoadWait, ids: ids)
    writeStandardError("load average at the start: \(loadAverageLine())\n")
    let results = try await comparison.run()
    writeStandardError("load average at the end: \(loadAverageLine())\n")
    let order = groups.flatMap { group in group.points.map { Comparison.key(group, tasks: $0.tasks) } }
    print(summary(results, order: order, designs: options.designs))
} catch {
    fail("bench-eventloop: \(error)")
}
