@_spi(Generated) @testable import Athanor
import FoundationEssentials
import Synchronization
import Testing

/// What the repository core asks of its database, recorded by a fake: reads are idempotent
/// (safe to retry after a lost connection), writes are not (a lost write is ambiguous), and a
/// bulk write of several chunks runs in one transaction.
@Suite struct RepositoryCoreTests {
    struct Stop: Error {}

    final class Recorder: DatabaseExecutor {
        let calls = Mutex<[String]>([])

        func query(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) async throws -> Rows {
            calls.withLock { $0.append("\(idempotent ? "read" : "write") \(parameters.count): \(sql)") }
            throw Stop()
        }

        func queryBlocking(_ sql: String, _ parameters: [any PostgresEncodable], idempotent: Bool) throws -> Rows {
            calls.withLock { $0.append("blocking \(idempotent ? "read" : "write"): \(sql)") }
            throw Stop()
        }

        /// A fake cannot open a real transaction: it records the request and stops there.
        func inTransaction<T>(_ body: (Transaction) async throws -> T) async throws -> T {
            calls.withLock { $0.append("transaction") }
            throw Stop()
        }

        func inTransactionBlocking<T>(_ body: (Transaction) throws -> T) throws -> T {
            calls.withLock { $0.append("blocking transaction") }
            throw Stop()
        }
    }

    struct Item: Sendable {
        var id: UUID
        var name: String
    }

    static func table(usesValues: Bool, rowTypes: [String]? = nil) -> TableDescriptor<Item> {
        let columns = ["id", "name"], types = ["uuid", "text"]
        return TableDescriptor<Item>(
            modelName: "Item", select: "SELECT id, name FROM items", count: "SELECT count(*) FROM items",
            delete: "DELETE FROM items", primaryKey: "id", finds: ["items_name_key": "SELECT id, name FROM items WHERE name = $1"],
            source: rowTypes.map { BulkSource(columns: columns, types: types, rowTypes: $0, usesValues: usesValues) }
                ?? BulkSource(columns: columns, types: types, usesValues: usesValues),
            insert: BulkStatement(head: "INSERT INTO items (id, name) SELECT u.id, u.name FROM ", tail: " RETURNING id, name"),
            upserts: ["items_name_key": BulkStatement(
                head: "INSERT INTO items (id, name) SELECT u.id, u.name FROM ",
                tail: " ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id, name", keyColumns: ["name"])],
            update: BulkStatement(head: "UPDATE items AS t SET name = u.name FROM ", tail: " WHERE t.id = u.id RETURNING t.id, t.name"),
            decode: { row throws(AthanorError) in Item(id: try row.decode(UUID.self, at: 0), name: try row.decode(String.self, at: 1)) },
            encodeRow: { [$0.id, $0.name] },
            encodeColumns: { [$0.map(\.id), $0.map(\.name)] })
    }

    @Test func readsAreIdempotentAndWritesAreNot() async {
        let database = Recorder()
        let core = RepositoryCore(database: database, table: Self.table(usesValues: false))
        _ = try? await core.get(UUID(), description: "x")
        _ = try? await core.find(key: "items_name_key", ["a"])
        _ = try? await core.count(where: nil)
        _ = try? await core.write([Item(id: UUID(), name: "a")], core.table.insert)
        _ = try? await core.delete(UUID())
        #expect(database.calls.withLock { $0 } == [
            "read 1: SELECT id, name FROM items WHERE id = $1",
            "read 1: SELECT id, name FROM items WHERE name = $1",
            "read 0: SELECT count(*) FROM items",
            "write 2: INSERT INTO items (id, name) SELECT u.id, u.name FROM unnest($1::uuid[], $2::text[]) AS u(id, name) RETURNING id, name",
            "write 1: DELETE FROM items WHERE id = $1",
        ])
    }

    @Test func singleRowWritesSendScalarParameters() async {
        let database = Recorder()
        let core = RepositoryCore(database: database, table: Self.table(usesValues: false, rowTypes: ["uuid", "text"]))
        let item = Item(id: UUID(), name: "a")
        _ = try? await core.writeOne(item, core.table.insert, description: "x")
        _ = try? core.writeOneBlocking(item, core.table.update, description: "x")
        _ = try? await core.writeOne(item, try #require(core.table.upserts["items_name_key"]), description: "x")
        _ = try? await core.write([item], core.table.insert)
        #expect(database.calls.withLock { $0 } == [
            "write 2: INSERT INTO items (id, name) SELECT u.id, u.name FROM (VALUES ($1::uuid, $2::text)) AS u(id, name) RETURNING id, name",
            "blocking write: UPDATE items AS t SET name = u.name FROM (VALUES ($1::uuid, $2::text)) AS u(id, name) WHERE t.id = u.id RETURNING t.id, t.name",
            "write 2: INSERT INTO items (id, name) SELECT u.id, u.name FROM (VALUES ($1::uuid, $2::text)) AS u(id, name) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id, name",
            // The bulk form keeps unnest, even for one row.
            "write 2: INSERT INTO items (id, name) SELECT u.id, u.name FROM unnest($1::uuid[], $2::text[]) AS u(id, name) RETURNING id, name",
        ])
    }

    @Test func singleRowWritesWithoutRowTypesUseTheBulkForm() async {
        let database = Recorder()
        let core = RepositoryCore(database: database, table: Self.table(usesValues: false))
        _ = try? await core.writeOne(Item(id: UUID(), name: "a"), core.table.insert, description: "x")
        #expect(database.calls.withLock { $0 } == [
            "write 2: INSERT INTO items (id, name) SELECT u.id, u.name FROM unnest($1::uuid[], $2::text[]) AS u(id, name) RETURNING id, name",
        ])
    }

    @Test func singleRowUpsertChecksItsMatchKeyBeforeSending() async throws {
        struct Nullable: Sendable { var id: UUID; var name: String? }
        let table = TableDescriptor<Nullable>(
            modelName: "Nullable", select: "SELECT id, name FROM n", count: "SELECT count(*) FROM n", delete: "DELETE FROM n",
            primaryKey: "id", finds: [:],
            source: BulkSource(columns: ["id", "name"], types: ["uuid", "text"], rowTypes: ["uuid", "text"], usesValues: false),
            insert: BulkStatement(head: "INSERT INTO n (id, name) SELECT u.id, u.name FROM ", tail: " RETURNING id, name"),
            upserts: ["n_name_key": BulkStatement(
                head: "INSERT INTO n (id, name) SELECT u.id, u.name FROM ",
                tail: " ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id, name", keyColumns: ["name"])],
            update: BulkStatement(head: "UPDATE n AS t SET name = u.name FROM ", tail: " WHERE t.id = u.id RETURNING t.id, t.name"),
            decode: { row throws(AthanorError) in Nullable(id: try row.decode(UUID.self, at: 0), name: try row.decode(String?.self, at: 1)) },
            encodeRow: { [$0.id, $0.name] },
            encodeColumns: { [$0.map(\.id), $0.map(\.name)] })
        let database = Recorder()
        let core = RepositoryCore(database: database, table: table)
        let upsert = try #require(table.upserts["n_name_key"])
        do {
            _ = try await core.writeOne(Nullable(id: UUID(), name: nil), upsert, description: "x")
            Issue.record("an upsert with a NULL key was sent")
        } catch let error as AthanorError {
            guard case .misuse(let message) = error else { throw error }
            #expect(message == "upsert of Nullable matching (name): the value has no name; NULL never matches a unique key, so it would always insert a new row")
        }
        #expect(throws: AthanorError.self) { try core.writeOneBlocking(Nullable(id: UUID(), name: nil), upsert, description: "x") }
        #expect(database.calls.withLock { $0 }.isEmpty)
    }

    @Test func unfilteredListQueriesAreBuiltOncePerShape() {
        let table = Self.table(usesValues: false)
        let name = Column<Item, String>("name")
        let shapes: [(Filter<Item>?, [Ordering<Item>], Int?, Int?)] = [
            (nil, [], nil, nil), (nil, [name.descending], 10, nil), (nil, [name.ascending, name.descending], 5, 20),
            (nil, [], nil, 3), (name == "a", [name.ascending], 1, nil),
        ]
        for _ in 0..<2 {
            for (filter, orderBy, limit, offset) in shapes {
                for windowed in [false, true] {
                    let query = table.listQuery(windowed: windowed, where: filter, orderBy: orderBy, limit: limit, offset: offset)
                    let head = windowed ? table.selectWithTotal! : table.select
                    let expected = RepositoryQuery(head, where: filter, orderBy: orderBy, limit: limit, offset: offset)
                    #expect(query.sql == expected.sql)
                    #expect(query.parameters.map { "\($0)" } == expected.parameters.map { "\($0)" })
                }
            }
        }
        // Filtered queries are not cached (their SQL depends on the filter).
        #expect(table.listQueries.count == 8)
    }

    @Test func severalChunksShareOneTransaction() async {
        let database = Recorder()
        let core = RepositoryCore(database: database, table: Self.table(usesValues: true), batchSize: 2)
        _ = try? await core.write((0..<5).map { Item(id: UUID(), name: "\($0)") }, core.table.insert)
        #expect(database.calls.withLock { $0 } == ["transaction"])
        let single = Recorder()
        _ = try? RepositoryCore(database: single, table: Self.table(usesValues: true), batchSize: 2)
            .writeBlocking([Item(id: UUID(), name: "a")], core.table.update)
        #expect(single.calls.withLock { $0 } == [
            "blocking write: UPDATE items AS t SET name = u.name FROM (VALUES ($1::uuid, $2::text)) AS u(id, name) WHERE t.id = u.id RETURNING t.id, t.name",
        ])
    }
}
