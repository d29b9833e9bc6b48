@_spi(Generated) @testable import Athanor
import FoundationEssentials
import Synchronization
import Testing

/// What the repositories ask of their database, recorded by a fake executor, in both forms: reads
/// run as `.read` units (safe to run again after a lost connection), writes as `.write` (a lost
/// write is ambiguous), a bulk write of several chunks and a COPY as one `.transaction`; empty
/// writes and misused match keys make no call at all. The same plan runs in both forms.
@Suite struct RepositoryCoreTests {
    struct Stop: Error {}

    /// Records the units it is asked to run and runs none (it has no connection).
    final class Recorder: DatabaseExecutor {
        let calls = Mutex<[String]>([])

        func query(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) async throws -> Rows { throw Stop() }
        func queryBlocking(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) throws -> Rows { throw Stop() }
        func inTransaction<T>(_ body: (Transaction) async throws -> T) async throws -> T { throw Stop() }
        func inTransactionBlocking<T>(_ body: (Transaction) throws -> T) throws -> T { throw Stop() }

        func inUnit<T: Sendable>(_ unit: WorkUnit, _ work: @escaping @Sendable (Connection) throws(AthanorError) -> T) async throws -> T {
            calls.withLock { $0.append("\(unit)") }
            throw Stop()
        }

        func inUnitBlocking<T>(_ unit: WorkUnit, _ work: (Connection) throws(AthanorError) -> T) throws -> T {
            calls.withLock { $0.append("\(unit)") }
            throw Stop()
        }

        var recorded: [String] { calls.withLock { $0 } }
    }

    struct Item: TableModel, Hashable {
        var id: UUID
        var name: String?

        typealias PrimaryKey = UUID

        enum MatchKey: Hashable, Sendable {
            case id, name
        }

        static func write(_ tail: String) -> WriteStatement {
            WriteStatement(
                single: "INSERT INTO items (id, name) SELECT u.id, u.name FROM (VALUES ($1::uuid, $2::text)) AS u(id, name)" + tail,
                bulk: .unnest("INSERT INTO items (id, name) SELECT u.id, u.name FROM unnest($1::uuid[], $2::text[]) AS u(id, name)" + tail))
        }

        static let table = TableDescription<Item>(
            get: "SELECT id, name FROM items WHERE id = $1", select: "SELECT id, name FROM items",
            selectWithTotal: "SELECT id, name, count(*) OVER () FROM items", count: "SELECT count(*) FROM items",
            exists: "SELECT 1 FROM items", delete: "DELETE FROM items", deleteByID: "DELETE FROM items WHERE id = $1",
            deleteByIDs: "DELETE FROM items WHERE id = ANY($1)", insert: write(" RETURNING id, name"),
            update: WriteStatement(single: "UPDATE ...", bulk: .unnest("UPDATE ...")),
            keys: [
                .id: MatchKeyDescription(columns: ["id"], positions: [0], isPrimaryKey: true,
                                         find: "SELECT id, name FROM items WHERE id = $1", upsert: write(" ON CONFLICT (id) ...")),
                .name: MatchKeyDescription(columns: ["name"], positions: [1], isPrimaryKey: false,
                                           find: "SELECT id, name FROM items WHERE name = $1", upsert: write(" ON CONFLICT (name) ...")),
            ],
            copy: CopyTarget(table: "items", columns: ["id", "name"], skipsID: false),
            decode: { row, _ throws(AthanorError) in Item(id: try row.decode(at: 0), name: try row.decode(at: 1)) },
            encodeRow: { [$0.id, $0.name] },
            encodeColumns: { [$0.map(\.id), $0.map(\.name)] })
    }

    /// Each method of a form, and the units it asked for.
    static func calls(blocking: Bool, batchSize: Int = 5_000) async -> [String: [String]] {
        let a = Item(id: UUID(), name: "a"), b = Item(id: UUID(), name: "b"), c = Item(id: UUID(), name: "c")
        let name = Column<Item, String?>("name")
        let methods: [(String, (Repository<Item>) async throws -> Void, (BlockingRepository<Item>) throws -> Void)] = [
            ("get", { _ = try await $0.get(a.id) }, { _ = try $0.get(a.id) }),
            ("find", { _ = try await $0.find(.name, ["a"]) }, { _ = try $0.find(.name, ["a"]) }),
            ("list", { _ = try await $0.list(limit: 1) }, { _ = try $0.list(limit: 1) }),
            ("listAndCount", { _ = try await $0.listAndCount() }, { _ = try $0.listAndCount() }),
            ("count", { _ = try await $0.count() }, { _ = try $0.count() }),
            ("exists", { _ = try await $0.exists() }, { _ = try $0.exists() }),
            ("create", { _ = try await $0.create(a) }, { _ = try $0.create(a) }),
            ("createMany", { _ = try await $0.createMany([a, b, c]) }, { _ = try $0.createMany([a, b, c]) }),
            ("copyMany", { _ = try await $0.copyMany([a]) }, { _ = try $0.copyMany([a]) }),
            ("update", { _ = try await $0.update(a) }, { _ = try $0.update(a) }),
            ("updateMany", { _ = try await $0.updateMany([a]) }, { _ = try $0.updateMany([a]) }),
            ("upsert", { _ = try await $0.upsert(a, matching: .name) }, { _ = try $0.upsert(a, matching: .name) }),
            ("upsertMany", { _ = try await $0.upsertMany([a, b], matching: .id) }, { _ = try $0.upsertMany([a, b], matching: .id) }),
            ("delete", { _ = try await $0.delete(a.id) }, { _ = try $0.delete(a.id) }),
            ("deleteMany", { _ = try await $0.deleteMany([a.id]) }, { _ = try $0.deleteMany([a.id]) }),
            ("deleteWhere", { _ = try await $0.deleteWhere(.all) }, { _ = try $0.deleteWhere(.all) }),
            ("update set", { _ = try await $0.update(a.id, set: [name.set("x")]) }, { _ = try $0.update(a.id, set: [name.set("x")]) }),
            ("updateWhere", { _ = try await $0.updateWhere(.all, set: [name.set("x")]) }, { _ = try $0.updateWhere(.all, set: [name.set("x")]) }),
            ("first", { _ = try await $0.first() }, { _ = try $0.first() }),
            ("one", { _ = try await $0.one(where: .all) }, { _ = try $0.one(where: .all) }),
            ("getOrCreate", { _ = try await $0.getOrCreate(a, matching: .name) }, { _ = try $0.getOrCreate(a, matching: .name) }),
            ("page", { _ = try await $0.page(limit: 2) }, { _ = try $0.page(limit: 2) }),
            ("aggregate", { _ = try await $0.aggregate(.count, name.count) }, { _ = try $0.aggregate(.count, name.count) }),
            ("select", { _ = try await $0.select(name) }, { _ = try $0.select(name) }),
            ("update set []", { _ = try await $0.update(a.id, set: []) }, { _ = try $0.update(a.id, set: []) }),
            ("page 0", { _ = try await $0.page(limit: 0) }, { _ = try $0.page(limit: 0) }),
            ("createMany []", { _ = try await $0.createMany([]) }, { _ = try $0.createMany([]) }),
            ("copyMany []", { _ = try await $0.copyMany([]) }, { _ = try $0.copyMany([]) }),
            ("upsert nil", { _ = try await $0.upsert(Item(id: a.id, name: nil), matching: .name) },
             { _ = try $0.upsert(Item(id: a.id, name: nil), matching: .name) }),
            ("upsertMany nil", { _ = try await $0.upsertMany([a, Item(id: b.id, name: nil)], matching: .name) },
             { _ = try $0.upsertMany([a, Item(id: b.id, name: nil)], matching: .name) }),
        ]
        var calls: [String: [String]] = [:]
        for (name, async, sync) in methods {
            let database = Recorder()
            if blocking {
                _ = try? sync(BlockingRepository(database, batchSize: batchSize))
            } else {
                _ = try? await async(Repository(database, batchSize: batchSize))
            }
            calls[name] = database.recorded
        }
        return calls
    }

    @Test(arguments: [false, true])
    func eachMethodRunsAsItsKindOfUnit(blocking: Bool) async {
        let calls = await Self.calls(blocking: blocking)
        #expect(calls == [
            "get": ["read"], "find": ["read"], "list": ["read"], "listAndCount": ["read"], "count": ["read"], "exists": ["read"],
            "create": ["write"], "createMany": ["write"], "copyMany": ["transaction"], "update": ["write"],
            "updateMany": ["write"], "upsert": ["write"], "upsertMany": ["write"], "delete": ["write"],
            "deleteMany": ["write"], "deleteWhere": ["write"],
            "update set": ["write"], "updateWhere": ["write"], "first": ["read"], "one": ["read"], "getOrCreate": ["write"],
            "page": ["read"], "aggregate": ["read"], "select": ["read"],
            // Known without a round trip: nothing to write, or a match key that can never match.
            "createMany []": [], "copyMany []": [], "upsert nil": [], "upsertMany nil": [], "update set []": [], "page 0": [],
        ])
    }

    @Test func bothFormsPlanTheSameCalls() async {
        #expect(await Self.calls(blocking: false) == Self.calls(blocking: true))
        #expect(await Self.calls(blocking: false, batchSize: 2) == Self.calls(blocking: true, batchSize: 2))
    }

    @Test func severalChunksAreOneTransaction() async {
        let calls = await Self.calls(blocking: false, batchSize: 2)
        #expect(calls["createMany"] == ["transaction"] && calls["upsertMany"] == ["write"] && calls["updateMany"] == ["write"])
    }

    @Test func aNilMatchKeyIsAMisuseNamingTheModelKeyAndColumn() async throws {
        let repository = Repository<Item>(Recorder())
        do {
            _ = try await repository.upsert(Item(id: UUID(), name: nil), matching: .name)
            Issue.record("an upsert with a NULL key was planned")
        } catch let error as AthanorError {
            guard case .misuse(let message) = error else { throw error }
            #expect(message == "upsert of Item matching (name): the value has no name; NULL never matches a unique key, so it would always insert a new row")
        }
        #expect(throws: AthanorError.self) {
            try BlockingRepository<Item>(Recorder()).upsertMany([Item(id: UUID(), name: "a"), Item(id: UUID(), name: nil)], matching: .name)
        }
    }

    @Test func bulkStatementsCarryTheirRows() {
        let items = [Item(id: UUID(), name: "a"), Item(id: UUID(), name: nil)]
        let unnest = Item.table.bulk(Item.table.insert, items[...])
        #expect(unnest.sql == "INSERT INTO items (id, name) SELECT u.id, u.name FROM unnest($1::uuid[], $2::text[]) AS u(id, name) RETURNING id, name")
        #expect(unnest.parameters.count == 2)
        let values = WriteStatement(single: "", bulk: .values(head: "INSERT ... FROM (VALUES", types: ["uuid", "text"], tail: ") AS u(id, name)"))
        let rows = Item.table.bulk(values, items[...])
        #expect(rows.sql == "INSERT ... FROM (VALUES ($1::uuid, $2::text), ($3::uuid, $4::text)) AS u(id, name)")
        #expect(rows.parameters.count == 4)
    }

    @Test func unfilteredListQueriesAreBuiltOncePerShape() {
        let table = TableDescription<Item>(
            get: "", select: "SELECT id, name FROM items", selectWithTotal: "SELECT id, name, count(*) OVER () FROM items",
            count: "", exists: "", delete: "", deleteByID: "", deleteByIDs: "", insert: Item.table.insert, update: Item.table.update,
            keys: [:], copy: Item.table.copy, decode: Item.table.decodeRow, encodeRow: Item.table.encodeRow,
            encodeColumns: Item.table.encodeColumns)
        let name = Column<Item, String>("name")
        let shapes: [(Filter<Item>?, [Ordering<Item>], Int?, Int?)] = [
            (nil, [], nil, nil), (nil, [name.descending], 10, nil), (nil, [name.ascending, name.descending], 5, 20),
            (nil, [], nil, 3), (name == "a", [name.ascending], 1, nil),
        ]
        for _ in 0..<2 {
            for (filter, orderBy, limit, offset) in shapes {
                for windowed in [false, true] {
                    let query = table.listQuery(windowed: windowed, where: filter, orderBy: orderBy, limit: limit, offset: offset)
                    let head = windowed ? table.selectWithTotal : table.select
                    let expected = RepositoryQuery(head, where: filter, orderBy: orderBy, limit: limit, offset: offset)
                    #expect(query.sql == expected.sql)
                    #expect(query.parameters.map { "\($0)" } == expected.parameters.map { "\($0)" })
                }
            }
        }
        // Filtered queries are not cached (their SQL depends on the filter).
        #expect(table.listQueries.count == 8)
    }
}
