@_spi(Generated) @testable import Athanor
import FoundationEssentials
import Testing

/// Two values of one `upsertMany` with the same match key: found on the client, over the whole
/// call, by the bytes the server would receive, before any round trip.
@Suite struct DuplicateMatchKeyTests {
    struct Pair: TableModel {
        var id: UUID
        var left: String
        var right: String

        typealias PrimaryKey = UUID

        enum MatchKey: Hashable, Sendable {
            case id, leftRight
        }

        static func write(_ tail: String) -> WriteStatement {
            WriteStatement(
                single: "INSERT INTO pairs (id, l, r) SELECT u.id, u.l, u.r FROM (VALUES ($1::uuid, $2::text, $3::text)) AS u(id, l, r)" + tail,
                bulk: .unnest("INSERT INTO pairs (id, l, r) SELECT u.id, u.l, u.r FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, l, r)" + tail))
        }

        /// A table whose upsert matches the composite key (left, right).
        static let table = TableDescription<Pair>(
            get: "SELECT id, l, r FROM pairs WHERE id = $1", select: "SELECT id, l, r FROM pairs",
            selectWithTotal: "SELECT id, l, r, count(*) OVER () FROM pairs", count: "SELECT count(*) FROM pairs",
            exists: "SELECT 1 FROM pairs", delete: "DELETE FROM pairs", deleteByID: "DELETE FROM pairs WHERE id = $1",
            deleteByIDs: "DELETE FROM pairs WHERE id = ANY($1)", insert: write(" RETURNING id, l, r"),
            update: WriteStatement(single: "UPDATE ...", bulk: .unnest("UPDATE ...")),
            keys: [
                .id: MatchKeyDescription(columns: ["id"], positions: [0], isPrimaryKey: true,
                                         find: "SELECT id, l, r FROM pairs WHERE id = $1", upsert: write(" ON CONFLICT (id) ...")),
                .leftRight: MatchKeyDescription(
                    columns: ["l", "r"], positions: [1, 2], isPrimaryKey: false, find: "SELECT id, l, r FROM pairs WHERE l = $1 AND r = $2",
                    upsert: write(" ON CONFLICT (l, r) DO UPDATE SET l = excluded.l RETURNING id, l, r")),
            ],
            copy: CopyTarget(table: "pairs", columns: ["id", "l", "r"], skipsID: false),
            decode: { row, _ throws(AthanorError) in Pair(id: try row.decode(at: 0), left: try row.decode(at: 1), right: try row.decode(at: 2)) },
            encodeRow: { [$0.id, $0.left, $0.right] },
            encodeColumns: { [$0.map(\.id), $0.map(\.left), $0.map(\.right)] })
    }

    static var table: TableDescription<Pair> { Pair.table }
    static var upsert: MatchKeyDescription { Pair.table.keys[.leftRight]! }

    static func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
        } catch let error as AthanorError {
            if case .misuse(let text) = error { return text }
        } catch {}
        return nil
    }

    @Test func theSecondValueWithAKeyNamesBothPositionsAndTheKeyNeverTheValues() {
        var values = (0..<100).map { Pair(id: UUID(), left: "secret-\($0)", right: "x") }
        values[17].left = "secret-3"
        let text = Self.message { try Self.table.checkMatchKeys(values, Self.upsert) }
        #expect(text == "upsertMany of Pair matching (l, r): values 3 and 17 of 100 have the same l and r; "
            + "each row can be matched once per call: merge them first")
        #expect(text?.contains("secret") == false)
    }

    @Test func compositeKeysDoNotRunIntoEachOther() throws {
        let values = [Pair(id: UUID(), left: "ab", right: "c"), Pair(id: UUID(), left: "a", right: "bc"),
                      Pair(id: UUID(), left: "", right: "abc"), Pair(id: UUID(), left: "abc", right: "")]
        try Self.table.checkMatchKeys(values, Self.upsert)
    }

    /// Only the key counts: the same key with other ids is a duplicate; other statements are not
    /// checked (createMany of the same values plans its write).
    @Test func onlyTheKeyOfAnUpsertIsCompared() async throws {
        let values = [Pair(id: UUID(), left: "a", right: "b"), Pair(id: UUID(), left: "a", right: "b")]
        #expect(Self.message { try Self.table.checkMatchKeys(values, Self.upsert) }?.contains("values 0 and 1 of 2") == true)
        let database = RepositoryCoreTests.Recorder()
        _ = try? await Repository<Pair>(database).createMany(values)
        #expect(database.recorded == ["write"])
    }

    /// Many distinct keys (collisions in the table's slots included) pass; the one duplicate among
    /// them is found wherever it is.
    @Test func manyDistinctKeysPassAndOneDuplicateIsFound() throws {
        var values = (0..<20_000).map { Pair(id: UUID(), left: "k\($0)", right: "\($0 % 7)") }
        try Self.table.checkMatchKeys(values, Self.upsert)
        values[19_999] = values[12_345]
        #expect(Self.message { try Self.table.checkMatchKeys(values, Self.upsert) }?.contains("values 12345 and 19999 of 20000") == true)
    }

    /// The keys of `rows` (each on all its columns), and whether two of them have the same bytes.
    static func keys(_ rows: [[any PostgresEncodable]]) throws -> (EncodedKeys, (Int, Int) -> Bool) {
        var keys = EncodedKeys(capacity: rows.count)
        for row in rows { try keys.append(row, positions: Array(row.indices)) }
        let same = { (a: Int, b: Int) -> Bool in
            var one = PostgresWriter(), other = PostgresWriter()
            guard (try? EncodedKeys.encode(rows[a], positions: Array(rows[a].indices), into: &one)) != nil,
                  (try? EncodedKeys.encode(rows[b], positions: Array(rows[b].indices), into: &other)) != nil else { return false }
            return one.bytes == other.bytes
        }
        return (keys, same)
    }

    /// The first pair is the one whose second value comes first; its first is the earliest of its equals.
    @Test func theFirstDuplicateIsTheEarliestRepeat() throws {
        let (keys, same) = try Self.keys([["a", "b"], ["a", "c"], ["x", "y"], ["c"], ["a", "c"], ["a", "b"], ["a", "c"]])
        #expect(keys.firstDuplicate(sameKey: same)! == (1, 4))
        let (single, _) = try Self.keys([["a"]])
        #expect(single.firstDuplicate { _, _ in true } == nil)
    }

    /// Equal hashes whose bytes differ (here every comparison says so) are not duplicates: the
    /// probe goes on, and every key finds a slot.
    @Test func equalHashesWithOtherBytesAreNotDuplicates() throws {
        let (keys, _) = try Self.keys((0..<100).map { _ in ["same"] })
        var compared = 0
        #expect(keys.firstDuplicate { _, _ in compared += 1; return false } == nil)
        #expect(compared == 99 * 100 / 2)
    }

    /// A key that cannot be encoded is the encoding error sending it would give, and appends nothing.
    @Test func aKeyThatCannotBeEncodedAppendsNothing() throws {
        var keys = EncodedKeys(capacity: 3)
        try keys.append(["c"], positions: [0])
        #expect(throws: AthanorError.self) { try keys.append(["nul\u{0}"], positions: [0]) }
        try keys.append(["c"], positions: [0])
        #expect(keys.count == 2)
        #expect(keys.firstDuplicate { _, _ in true }! == (0, 1))
    }

    /// A call of several chunks is checked as a whole, before any statement or transaction, in
    /// both forms.
    @Test func aDuplicateInTwoChunksIsRefusedBeforeAnyRoundTrip() async throws {
        let database = RepositoryCoreTests.Recorder()
        var values = (0..<50).map { Pair(id: UUID(), left: "\($0)", right: "r") }
        values[42] = Pair(id: UUID(), left: "5", right: "r")
        do {
            _ = try await Repository<Pair>(database, batchSize: 10).upsertMany(values, matching: .leftRight)
            Issue.record("a call with a duplicate key was sent")
        } catch let error as AthanorError {
            guard case .misuse(let text) = error else { throw error }
            #expect(text.contains("values 5 and 42 of 50"))
        }
        #expect(Self.message { _ = try BlockingRepository<Pair>(database, batchSize: 10).upsertMany(values, matching: .leftRight) }?
            .contains("values 5 and 42 of 50") == true)
        #expect(database.recorded.isEmpty)
    }
}
