import Athanor
import FoundationEssentials
import Testing

enum Mood: String, PostgresCodable, PostgresArrayElement, Codable { case happy, sad }

@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct CodecRoundTripTests {
    func roundTrip<T: PostgresCodable & Equatable>(_ value: T, _ cast: String, on conn: Connection) async throws {
        let rows = try await conn.query("SELECT $1::\(cast)", [value])
        let back = try rows[0].decode(T.self, at: 0)
        #expect(back == value, "\(cast)")
    }

    @Test func scalarsRoundTrip() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            for value in [Int64.min, Int64.max, 0, -1] { try await roundTrip(value, "int8", on: conn) }
            for value in [Int32.min, Int32.max] { try await roundTrip(value, "int4", on: conn) }
            for value in [Int16.min, Int16.max] { try await roundTrip(value, "int2", on: conn) }
            try await roundTrip(Int.max, "int8", on: conn)
            for value in [Double.infinity, -Double.infinity, 0.1, -0.0, Double.greatestFiniteMagnitude] {
                try await roundTrip(value, "float8", on: conn)
            }
            let nan = try await conn.query("SELECT $1::float8", [Double.nan])[0].decode(Double.self, at: 0)
            #expect(nan.isNaN)
            try await roundTrip(Float(3.25), "float4", on: conn)
            try await roundTrip(true, "bool", on: conn)
            try await roundTrip(false, "bool", on: conn)
            for value in ["", "héllo wörld ✓ 🎉", "日本語", String(repeating: "x", count: 100_000)] {
                try await roundTrip(value, "text", on: conn)
            }
            try await roundTrip(UUID(), "uuid", on: conn)
            try await roundTrip(Mood.sad, "text", on: conn)
        }
    }

    @Test func timestampsRoundTripAtMicroseconds() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            // 1969-07-20 20:17:40.123456, 1900-01-01, 2150-06-01 12:00:00.000001, the epochs.
            let values: [Double] = [-992_490_139.876544, -3_187_296_000, 4_746_600_000.000001, 0, -978_307_200]
            for seconds in values {
                let date = Date(timeIntervalSinceReferenceDate: seconds)
                let back = try await conn.query("SELECT $1::timestamptz", [date])[0].decode(Date.self, at: 0)
                #expect(abs(back.timeIntervalSinceReferenceDate - seconds) < 0.000_001, "\(seconds)")
            }
            let text = try await conn.query("SELECT ($1::timestamptz AT TIME ZONE 'UTC')::text",
                                            [Date(timeIntervalSinceReferenceDate: -992_490_139.876544)])
            #expect(try text[0].decode(String.self, at: 0) == "1969-07-20 20:17:40.123456")
            let infinite = try await conn.query("SELECT 'infinity'::timestamptz, '-infinity'::timestamptz")
            #expect(try infinite[0].decode(PostgresTimestamp.self, at: 0) == .infinity)
            #expect(try infinite[0].decode(PostgresTimestamp.self, at: 1) == .negativeInfinity)
            #expect(throws: AthanorError.self) { try infinite[0].decode(Date.self, at: 0) }
            let back = try await conn.query("SELECT $1::timestamptz", [PostgresTimestamp.infinity])
            #expect(try back[0].decode(PostgresTimestamp.self, at: 0) == .infinity)
        }
    }

    @Test func numericsRoundTrip() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            for text in ["0", "12345.678", "0.0001", "-1.50", "1e20", "99999999999999999999999999999999999999",
                         "-0.00000000000000000000000000000000000001", "123456789012345678.12345678901234567890"] {
                guard let value = Decimal(string: text) else { Issue.record("bad literal"); continue }
                try await roundTrip(value, "numeric", on: conn)
                let printed = try await conn.query("SELECT $1::numeric::text", [value])[0].decode(String.self, at: 0)
                #expect(Decimal(string: printed) == value, "\(text) printed as \(printed)")
            }
            let forty = "1234567890123456789012345678901234567890"
            for text in [forty, "-" + forty + ".0001", "NaN", "Infinity", "-Infinity", "0.000", "-1.50", "10000", "0.1"] {
                let numeric = try #require(PostgresNumeric(text))
                let rows = try await conn.query("SELECT $1::numeric, $1::numeric::text", [numeric])
                #expect(try rows[0].decode(PostgresNumeric.self, at: 0).text == text)
                #expect(try rows[0].decode(String.self, at: 1) == text)
            }
            let tooPrecise = "1234567890123456789012345678901234567890.1"
            let special = try await conn.query("SELECT 'NaN'::numeric, 'Infinity'::numeric, \(tooPrecise)::numeric")
            for column in 0..<3 {
                #expect(throws: AthanorError.self) { try special[0].decode(Decimal.self, at: column) }
            }
            await #expect(throws: AthanorError.self) { try await conn.query("SELECT $1::numeric", [Decimal.nan]) }
        }
    }

    @Test func bytesJSONAndArraysRoundTrip() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            let megabyte = (0..<1_048_576).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try await roundTrip(megabyte, "bytea", on: conn)
            try await roundTrip([UInt8](), "bytea", on: conn)
            try await roundTrip(Data([0, 1, 255]), "bytea", on: conn)
            let json = try JSONB(encoding: ["a": 1, "b": 2])
            let back = try await conn.query("SELECT $1::jsonb", [json])[0].decode(JSONB.self, at: 0)
            #expect(try back.decode([String: Int].self) == ["a": 1, "b": 2])
            try await roundTrip([String](), "text[]", on: conn)
            try await roundTrip(["ab", "", "ü"], "text[]", on: conn)
            try await roundTrip(["ab", nil] as [String?], "text[]", on: conn)
            try await roundTrip([Int64.min, 0, Int64.max], "int8[]", on: conn)
            try await roundTrip([1, nil, 3] as [Int32?], "int4[]", on: conn)
            try await roundTrip([UUID(), UUID()], "uuid[]", on: conn)
            try await roundTrip([true, false], "bool[]", on: conn)
            try await roundTrip([1.5, -2.25], "float8[]", on: conn)
            try await roundTrip([Decimal(string: "1.5") ?? 0, 3], "numeric[]", on: conn)
            try await roundTrip([Date(timeIntervalSinceReferenceDate: 12.5)], "timestamptz[]", on: conn)
            try await roundTrip([JSONB(json: #"{"a": 1}"#)], "jsonb[]", on: conn)
            try await roundTrip([[UInt8]([1, 2]), []], "bytea[]", on: conn)
            try await roundTrip([Mood.happy, .sad], "text[]", on: conn)
            let lowerBound = try await conn.query("SELECT '[0:1]={1,2}'::int4[]")[0].decode([Int32].self, at: 0)
            #expect(lowerBound == [1, 2])
            let withNull = try await conn.query("SELECT ARRAY['a', NULL]::text[]")
            #expect(throws: AthanorError.self) { try withNull[0].decode([String].self, at: 0) }
            #expect(try withNull[0].decode([String?].self, at: 0) == ["a", nil])
            let matrix = try await conn.query("SELECT '{{1,2},{3,4}}'::int4[]")
            #expect(throws: AthanorError.self) { try matrix[0].decode([Int32].self, at: 0) }
        }
    }

    @Test func nullsAndWideningAndMisfits() async throws {
        try await TestDatabase.with { db in
            let conn = try await Connection.connect(to: db.url)
            let rows = try await conn.query("SELECT $1::text, 7::int2, 70000::int4, 5000000000::int8", [String?.none])
            #expect(try rows[0].decode(String?.self, at: 0) == nil)
            #expect(try rows[0].decode(Int64.self, at: 1) == 7)
            #expect(try rows[0].decode(Int64.self, at: 2) == 70000)
            do {
                _ = try rows[0].decode(Int32.self, at: 3)
                Issue.record("expected a decoding error")
            } catch let error as AthanorError {
                guard case .decoding(let failure) = error else { Issue.record("wrong error"); return }
                #expect(failure.column == "int8")
            }
            #expect(throws: AthanorError.self) { try rows[0].decode(String.self, at: 0) }
            #expect(throws: AthanorError.self) { try rows[0].decode(Int16.self, at: 2) }
            // Errors name the column, the Swift type asked for and the reason (decoding is inlined into callers).
            #expect(decodingFailure { _ = try rows[0].decode(String.self, at: 0) }
                == ["text", "String", "25", "unexpected NULL (decode into an Optional)"])
            #expect(decodingFailure { _ = try rows[0].decode(String?.self, at: 4) } == ["4", "Optional<String>", "0", "no such column"])
            #expect(decodingFailure { _ = try rows[0].decode(Int64.self, column: "nope") } == ["nope", "Int64", "0", "no such column"])
        }
    }

    /// The fields of the decoding failure `body` throws: column, Swift type, OID, reason.
    func decodingFailure(_ body: () throws -> Void) -> [String] {
        do {
            try body()
        } catch AthanorError.decoding(let failure) {
            return [failure.column, failure.swiftType, String(failure.oid), failure.reason]
        } catch {
            return ["unexpected \(error)"]
        }
        return ["no error"]
    }
}
