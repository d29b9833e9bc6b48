import Athanor
import FoundationEssentials
import Testing

/// Values no PostgreSQL server sends, as a broken or hostile peer could: each is a typed
/// `CodecError`, never a crash and never a value read from part of the bytes. The inputs are
/// scripts/fuzz findings (FuzzDecoders), kept here byte for byte.
struct MalformedValueTests {
    func decode<T: PostgresDecodable>(_: T.Type, _ bytes: [UInt8], _ type: PostgresType) throws -> T {
        try bytes.withUnsafeBytes { try T(postgresBytes: $0, type: type) }
    }

    /// Fuzz finding: a numeric whose display scale is negative (0xF901) crashed
    /// `PostgresNumeric` ("Can't take a prefix of negative length"). PostgreSQL's numeric_recv
    /// allows a scale of 0...0x3FFF only.
    @Test func aNumericWithANegativeScaleIsAnError() throws {
        // count 1, weight -1, sign positive, scale -1791, one digit 5000.
        let negativeScale: [UInt8] = [0x00, 0x01, 0xFF, 0xFF, 0x00, 0x00, 0xF9, 0x01, 0x13, 0x88]
        #expect(throws: CodecError("bad numeric scale")) { try decode(PostgresNumeric.self, negativeScale, .numeric) }
        #expect(throws: CodecError("bad numeric scale")) { try decode(Decimal.self, negativeScale, .numeric) }
        // Above 0x3FFF, too.
        #expect(throws: CodecError("bad numeric scale")) {
            try decode(PostgresNumeric.self, [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00], .numeric)
        }
        // The bytes as the fuzzer found them (sign 0x00FF: no sign PostgreSQL knows).
        let found: [UInt8] = [0x00, 0x01, 0xFF, 0xFF, 0x00, 0xFF, 0xF9, 0x01, 0x13, 0x88]
        #expect(throws: CodecError.self) { try decode(PostgresNumeric.self, found, .numeric) }
        // The largest scale PostgreSQL sends still decodes.
        #expect(try decode(PostgresNumeric.self, [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02], .numeric).text == "0.00")
    }

    /// A numeric sign PostgreSQL does not know was printed as a positive number.
    @Test func aNumericWithAnUnknownSignIsAnError() {
        // count 1, weight 0, sign 0x1234, scale 0, digit 7.
        let unknownSign: [UInt8] = [0x00, 0x01, 0x00, 0x00, 0x12, 0x34, 0x00, 0x00, 0x00, 0x07]
        #expect(throws: CodecError("bad numeric sign")) { try decode(PostgresNumeric.self, unknownSign, .numeric) }
        #expect(throws: CodecError("bad numeric sign")) { try decode(Decimal.self, unknownSign, .numeric) }
    }

    /// Fuzz finding: `PostgresTimestamp` read the first 8 bytes of a longer value, so
    /// `Int64.max` followed by anything was `.infinity`.
    @Test func aTimestampOfTheWrongLengthIsAnError() throws {
        let infinity: [UInt8] = [0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        #expect(try decode(PostgresTimestamp.self, infinity, .timestamptz) == .infinity)
        #expect(throws: CodecError.self) { try decode(PostgresTimestamp.self, infinity + [0x00], .timestamptz) }
        #expect(throws: CodecError.self) { try decode(PostgresTimestamp.self, infinity + Array("UnsafeM".utf8), .timestamp) }
        #expect(throws: CodecError.self) { try decode(PostgresTimestamp.self, Array(infinity.prefix(7)), .timestamptz) }
    }

    /// An array value with bytes after its last element, or a negative number of dimensions,
    /// was read as if it were well formed (the second as an empty array).
    @Test func anArrayWithTrailingBytesOrNegativeDimensionsIsAnError() throws {
        // int4[]: 1 dimension, no NULL, element type 23, 1 element from lower bound 1: 42.
        let one: [UInt8] = [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 23, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0, 42]
        #expect(try decode([Int32].self, one, .int4Array) == [42])
        #expect(throws: CodecError("bad array length")) { try decode([Int32].self, one + [0], .int4Array) }
        let negative: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 23]
        #expect(throws: CodecError("bad array header")) { try decode([Int32].self, negative, .int4Array) }
        #expect(try decode([Int32].self, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 23], .int4Array) == [])
    }
}

/// Numerics with many zeros decode in time linear in their size. Removing zeros one at a time
/// was quadratic: the fuzz finding below took 12 s in scripts/fuzz (AddressSanitizer, a loaded
/// machine), and an array of 40 such values about 10 s in a debug build (0.4 s now).
struct NumericSizeTests {
    func decode<T: PostgresDecodable>(_: T.Type, _ bytes: [UInt8], _ type: PostgresType = .numeric) throws -> T {
        try bytes.withUnsafeBytes { try T(postgresBytes: $0, type: type) }
    }

    /// numeric[] of `count` copies of one element.
    func array(of element: [UInt8], count: Int) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x06, 0xA4, 0, 0, 0, UInt8(count), 0, 0, 0, 1]
        for _ in 0..<count { bytes += [0, 0, 0, UInt8(element.count)] + element }
        return bytes
    }

    @Test func manyZerosDecodeQuickly() throws {
        // Fuzz finding (slow unit): no digit, weight 32258 (0x7E02): 129,036 zeros before the point.
        let found: [UInt8] = [0x00, 0x00, 0x7E, 0x02, 0x00, 0x00, 0x00, 0x00]
        // 32,767 groups, 32,766 of them zero, then 1 at weight 0: the value 1.
        let one: [UInt8] = [0x7F, 0xFF, 0x7F, 0xFE, 0x00, 0x00, 0x00, 0x00]
            + [UInt8](repeating: 0, count: 2 * 32766) + [0x00, 0x01]
        #expect(try decode(PostgresNumeric.self, found).text == "0")
        #expect(try decode(PostgresNumeric.self, one).text == "1")
        #expect(try decode(Decimal.self, one) == 1)
        #expect(PostgresNumeric(String(repeating: "0", count: 100_000) + "1.5")?.text == "1.5")

        let start = ContinuousClock.now
        let values = try decode([PostgresNumeric].self, array(of: found, count: 40), .numericArray)
        let elapsed = ContinuousClock.now - start
        #expect(values.count == 40 && values.allSatisfy { $0.text == "0" })
        #expect(elapsed < .seconds(5), "took \(elapsed)")  // room for a loaded machine
    }
}
