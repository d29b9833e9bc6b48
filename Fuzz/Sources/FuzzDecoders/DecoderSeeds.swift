import Athanor
import FoundationEssentials

/// The seeds of the decoder target: values of every decoder's type, encoded by the runtime's own
/// encoders, with the decoder and column type bytes in front.
enum DecoderSeeds {
    static var all: [[UInt8]] {
        var seeds: [[UInt8]] = []
        func add<T: PostgresEncodable>(_ value: T, into decoder: Any.Type, as type: PostgresType = T.postgresType) {
            guard let index = Decoders.all.firstIndex(where: { $0.name == "\(decoder)" }) else { return }
            var writer = PostgresWriter()
            guard (try? value.encode(into: &writer)) != nil else { return }
            seeds.append([UInt8(index), ColumnTypes.index(of: type)] + writer.bytes)
        }
        let numbers = ["-1234567890.000100", "0.5", "99999999999999999999999999999999999999", "1e-20", "NaN", "Infinity", "-Infinity"]
            .compactMap(PostgresNumeric.init)
        add(true, into: Bool.self)
        add(Int16.min, into: Int16.self)
        add(Int32(-7), into: Int32.self)
        add(Int64.max, into: Int64.self)
        add(Int16(300), into: Int.self)
        add(Float.nan, into: Float.self)
        add(Float(1.5), into: Double.self)
        add(-0.0, into: Double.self)
        add(Decimal(string: "123.4500") ?? 0, into: Decimal.self)
        add(Int32(12), into: Decimal.self)
        for number in numbers { add(number, into: PostgresNumeric.self); add(number, into: Decimal.self) }
        add(Date(timeIntervalSinceReferenceDate: 800_000_000.123456), into: Date.self)
        add(Date(timeIntervalSinceReferenceDate: 0), into: Date.self, as: .timestamp)
        add(Int32(-1), into: Date.self, as: .date)
        add(PostgresTimestamp.infinity, into: PostgresTimestamp.self)
        add(PostgresTimestamp.finite(Date(timeIntervalSinceReferenceDate: -1.5)), into: PostgresTimestamp.self)
        let uuid = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F") ?? UUID()
        add(uuid, into: UUID.self)
        add(uuid.uuidString, into: UUID.self)
        add("héllo, wörld ☕", into: String.self)
        add(JSONB(json: #"{"a": [1, 2.5, "x"]}"#), into: String.self)
        add(Mood.happy, into: Mood.self)
        add([UInt8]([0, 1, 255]), into: [UInt8].self)
        add(Data([0xDE, 0xAD]), into: Data.self)
        add(JSONB(json: #"{"a": null}"#), into: JSONB.self)
        add("[1]", into: JSONB.self, as: .json)
        add("x", into: UInt8.self, as: PostgresType(rawValue: 18))
        add(Optional("text"), into: String?.self)
        add([true, false], into: [Bool].self)
        add([Int16(1), -1], into: [Int16].self)
        add([Int32(1), nil], into: [Int32?].self)
        add([Int64.min], into: [Int64].self)
        add([Int32(5), nil], into: [Int?].self)
        add([Float(1), .infinity], into: [Float].self)
        add([1.0, nil, .nan], into: [Double?].self)
        add(numbers.prefix(3).compactMap { Decimal(string: $0.text) }, into: [Decimal].self)
        add(numbers.map(Optional.some) + [nil], into: [PostgresNumeric?].self)
        add([Date(timeIntervalSinceReferenceDate: 1)], into: [Date].self)
        add([PostgresTimestamp.negativeInfinity, .finite(Date(timeIntervalSinceReferenceDate: 2))], into: [PostgresTimestamp?].self)
        add([uuid, uuid], into: [UUID].self)
        add(["a", nil, "ü"], into: [String?].self)
        add([Mood.sad], into: [Mood].self)
        add([[UInt8]([1, 2]), []], into: [[UInt8]].self)
        add([Data([3]), nil], into: [Data?].self)
        add([JSONB(json: "1"), JSONB(json: "{}")], into: [JSONB].self)
        add([Int32](), into: [[Int32]].self)
        for text in ["-0012.3400", "+.5", "1.", "NaN", "-Infinity", "00000000000000000000001"] {
            seeds.append([UInt8(Decoders.all.count - 1), 0] + Array(text.utf8))
        }
        return seeds
    }
}
