@testable import Athanor
import FoundationEssentials
import Testing

@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct CopyTests {
    static let allTypes = """
        CREATE TYPE mood AS ENUM ('happy', 'sad');
        CREATE TABLE every (t text, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, n numeric, b bool,
            u uuid, ts timestamptz, by bytea, j jsonb, arr text[], m mood, vc varchar(20));
        """
    static let columns = ["t", "i2", "i4", "i8", "f4", "f8", "n", "b", "u", "ts", "by", "j", "arr", "m", "vc"]

    @Test func everyCodecTypeRoundTripsThroughCopy() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            try await conn.executeScript(Self.allTypes)
            let id = UUID()
            let date = Date(timeIntervalSince1970: 1_700_000_000)
            let full: [any PostgresEncodable] = [
                "héllo ✓", 12, Int32(-7), Int.max, Float(1.5), 0.25, Decimal(string: "12345.6789") ?? 0, true,
                id, date, [UInt8]([0, 1, 255]), JSONB(json: #"{"a": [1, 2]}"#), ["x", "y"], Mood.sad, "short",
            ]
            let empty: [any PostgresEncodable] = Array(repeating: PostgresNull(), count: Self.columns.count)
            let nils: [any PostgresEncodable] = [
                String?.none, Int?.none, Int32?.none, Int?.none, Float?.none, Double?.none, Decimal?.none,
                Bool?.none, UUID?.none, Date?.none, [UInt8]?.none, JSONB?.none, [String]?.none, Mood?.none,
                String?.none,
            ]
            let copied = try await conn.copy(into: "every", columns: Self.columns, rows: [full, empty, nils])
            #expect(copied == 3)
            let rows = try await conn.query("SELECT \(Self.columns.joined(separator: ", ")), j::text FROM every")
            #expect(rows.count == 3)
            let row = rows[0]
            #expect(try row.decode(String.self, at: 0) == "héllo ✓")
            #expect(try row.decode(Int.self, at: 1) == 12)
            #expect(try row.decode(Int32.self, at: 2) == -7)
            #expect(try row.decode(Int.self, at: 3) == Int.max)
            #expect(try row.decode(Float.self, at: 4) == 1.5)
            #expect(try row.decode(Double.self, at: 5) == 0.25)
            #expect(try row.decode(Decimal.self, at: 6) == Decimal(string: "12345.6789"))
            #expect(try row.decode(Bool.self, at: 7))
            #expect(try row.decode(UUID.self, at: 8) == id)
            #expect(try row.decode(Date.self, at: 9) == date)
            #expect(try row.decode([UInt8].self, at: 10) == [0, 1, 255])
            #expect(try row.decode(String.self, at: 15) == #"{"a": [1, 2]}"#)
            #expect(try row.decode([String].self, at: 12) == ["x", "y"])
            #expect(try row.decode(String.self, at: 13) == "sad")
            #expect(try row.decode(String.self, at: 14) == "short")
            for index in 1...2 {
                for column in 0..<Self.columns.count { #expect(rows[index].isNull(at: column)) }
            }
        }
    }

    @Test func zeroRowsAndManyRows() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            try await conn.executeScript("CREATE TABLE items (id int8 PRIMARY KEY, name text NOT NULL, qty int4)")
            let none: [[any PostgresEncodable]] = []
            #expect(try await conn.copy(into: "items", columns: ["id", "name", "qty"], rows: none) == 0)
            let count = 100_000
            let rows = (0..<count).lazy.map { index -> [any PostgresEncodable] in
                [index, "item-\(index)", index % 1000]
            }
            #expect(try await conn.copy(into: "items", columns: ["id", "name", "qty"], rows: rows) == count)
            let check = try await conn.query("SELECT count(*), sum(id), sum(length(name)), sum(qty) FROM items")[0]
            let expectedLengths = (0..<count).reduce(0) { $0 + "item-\($1)".utf8.count }
            let expectedQty = (0..<count).reduce(0) { $0 + $1 % 1000 }
            #expect(try check.decode(Int.self, at: 0) == count)
            #expect(try check.decode(Decimal.self, at: 1) == Decimal(count * (count - 1) / 2))
            #expect(try check.decode(Decimal.self, at: 2) == Decimal(expectedLengths))
            #expect(try check.decode(Int.self, at: 3) == expectedQty)
        }
    }

    @Test func uniqueViolationMidCopyIsTypedAndTheConnectionIsReusable() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            try await conn.executeScript("CREATE TABLE items (id int8 PRIMARY KEY, name text)")
            await #expect {
                let rows = (0..<20_000).lazy.map { index -> [any PostgresEncodable] in
                    [index == 15_000 ? 3 : index, "n\(index)"]
                }
                return try await conn.copy(into: "items", columns: ["id", "name"], rows: rows)
            } throws: { error in
                (error as? AthanorError)?.sqlState == .uniqueViolation
            }
            #expect(try await conn.query("SELECT count(*) FROM items")[0].decode(Int.self, at: 0) == 0)
            #expect(try await conn.copy(into: "items", columns: ["id", "name"], rows: [[1, "one"]]) == 1)
        }
    }

    @Test func encodingErrorNamesRowAndColumnAndAbortsTheCopy() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            try await conn.executeScript("CREATE TABLE small (a text, b int2)")
            let rows: [[any PostgresEncodable]] = [["ok", 1], ["too big", 70_000]]
            do {
                _ = try await conn.copy(into: "small", columns: ["a", "b"], rows: rows)
                Issue.record("expected an encoding error")
            } catch let error as AthanorError {
                guard case .encoding(let failure) = error else { throw error }
                #expect(failure.reason.contains("row 1, column 1"))
            }
            let mismatch: [[any PostgresEncodable]] = [[UUID(), 1]]
            await #expect(throws: AthanorError.self) {
                try await conn.copy(into: "small", columns: ["a", "b"], rows: mismatch)
            }
            #expect(try await conn.query("SELECT count(*) FROM small")[0].decode(Int.self, at: 0) == 0)
        }
    }

    @Test func copyInARolledBackTransactionLeavesNothing() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            try await conn.executeScript("CREATE TABLE items (id int8 PRIMARY KEY)")
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await conn.inTransaction { tx in
                    #expect(try await tx.copy(into: "items", columns: ["id"], rows: [[1], [2]]) == 2)
                    throw Abort()
                }
            }
            // A failed COPY inside a transaction: the caller rolls back, the connection goes on.
            await #expect(throws: AthanorError.self) {
                try await conn.inTransaction { tx in
                    try await tx.copy(into: "items", columns: ["id"], rows: [[1], [1]])
                }
            }
            #expect(try await conn.query("SELECT count(*) FROM items")[0].decode(Int.self, at: 0) == 0)
        }
    }

    @Test func cancellingTheTaskEndsTheCopyAndKeepsTheConnection() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            try await conn.executeScript("CREATE TABLE items (id int8, name text)")
            let started = ContinuousClock.now
            let task = Task {
                let endless = (0..<Int.max).lazy.map { index -> [any PostgresEncodable] in [index, "row \(index)"] }
                return try await conn.copy(into: "items", columns: ["id", "name"], rows: endless)
            }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(ContinuousClock.now - started < .seconds(10))
            #expect(!conn.mustDiscard)
            #expect(try await conn.query("SELECT count(*) FROM items")[0].decode(Int.self, at: 0) == 0)
        }
    }

    @Test func arraysOfEnumsAndVarcharsTakeTheColumnsElementType() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            try await conn.executeScript("CREATE TYPE mood AS ENUM ('happy', 'sad'); CREATE TABLE moods (m mood[], v varchar(9)[])")
            let rows: [[any PostgresEncodable]] = [[[Mood.sad, Mood.happy], ["a", "b"]], [[Mood](), [String]()]]
            #expect(try await conn.copy(into: "moods", columns: ["m", "v"], rows: rows) == 2)
            let back = try await conn.query("SELECT m::text[], v FROM moods ORDER BY cardinality(m) DESC")
            #expect(try back[0].decode([String].self, at: 0) == ["sad", "happy"])
            #expect(try back[0].decode([String].self, at: 1) == ["a", "b"])
            #expect(try back[1].decode([String].self, at: 0) == [])
            let wrong: [[any PostgresEncodable]] = [[[1, 2], ["a"]]]
            await #expect(throws: AthanorError.self) { try await conn.copy(into: "moods", columns: ["m", "v"], rows: wrong) }
            #expect(try await conn.query("SELECT count(*) FROM moods")[0].decode(Int.self, at: 0) == 2)
        }
    }

    @Test func integersAndFloatsTakeTheColumnsWidth() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            try await conn.executeScript("CREATE TABLE widths (a int2, b int4, c int8, d float4, e float8, f timestamp)")
            let date = Date(timeIntervalSince1970: 1_600_000_000)
            let rows: [[any PostgresEncodable]] = [
                [Int32(-32768), Int16(-5), Int32(-7), 0.5, Float(-2.25), date],
                [Int(32767), Int(Int32.max), Int16.min, Double.infinity, Float.nan, date],
            ]
            #expect(try await conn.copy(into: "widths", columns: ["a", "b", "c", "d", "e", "f"], rows: rows) == 2)
            let back = try await conn.query("SELECT a, b, c, d, e, f = to_timestamp(1600000000) AT TIME ZONE 'UTC' FROM widths ORDER BY a")
            #expect(try back[0].decode(Int.self, at: 0) == -32768)
            #expect(try back[0].decode(Int.self, at: 1) == -5)
            #expect(try back[0].decode(Int.self, at: 2) == -7)
            #expect(try back[0].decode(Float.self, at: 3) == 0.5)
            #expect(try back[0].decode(Double.self, at: 4) == -2.25)
            #expect(try back[0].decode(Bool.self, at: 5))
            #expect(try back[1].decode(Int.self, at: 0) == 32767)
            #expect(try back[1].decode(Int.self, at: 1) == Int(Int32.max))
            #expect(try back[1].decode(Int.self, at: 2) == Int(Int16.min))
            #expect(try back[1].decode(Float.self, at: 3) == .infinity)
            #expect(try back[1].decode(Double.self, at: 4).isNaN)
        }
    }

    @Test func blockingCopy() async throws {
        try await TestDatabase.with { db in
            let conn = try Connection.connectBlocking(to: db.url)
            try conn.executeScript("CREATE TABLE \"we\"\"ird\" (\"Order\" int4)")
            let rows: [[any PostgresEncodable]] = (0..<10).map { [$0] }
            #expect(try conn.copy(into: "we\"ird", columns: ["Order"], rows: rows) == 10)
            let sum = try conn.query("SELECT sum(\"Order\") FROM \"we\"\"ird\"")[0]
            #expect(try sum.decode(Int.self, at: 0) == 45)
            conn.close()
        }
    }
}

/// The byte layout, without a server.
struct CopyWriterLayoutTests {
    @Test func headerTupleAndTrailer() throws {
        var writer = CopyWriter(columnTypes: [.int4, .text])
        try writer.append([Int(7), String?.none])
        writer.finish()
        let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
        let tuple: [UInt8] = [0, 2] + [0, 0, 0, 4, 0, 0, 0, 7] + [0xFF, 0xFF, 0xFF, 0xFF]
        #expect(writer.writer.bytes == header + tuple + [0xFF, 0xFF])
        #expect(writer.rowCount == 1)
    }

    @Test func aValueThatDoesNotFitNamesItsRowAndColumn() throws {
        var writer = CopyWriter(columnTypes: [.int2])
        try writer.append([1])
        #expect(throws: AthanorError.self) { try writer.append([Int(Int16.max) + 1]) }
        do {
            try writer.append(["text"])
        } catch {
            guard case .encoding(let failure) = error else { throw error }
            #expect(failure.reason == "row 1, column 0: a text value for a int2 column")
        }
        #expect(throws: AthanorError.self) { try writer.append([1, 2]) }
    }
}
