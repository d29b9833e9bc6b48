import Athanor
import FoundationEssentials
import FuzzSupport

/// One decoder under test and the round-trip property it must keep.
struct Decoder: Sendable {
    let name: String
    let check: @Sendable (UnsafeRawBufferPointer, PostgresType, [UInt8]) -> Void
}

/// An enum as generated code declares one: decoded from its label.
enum Mood: String, PostgresCodable, PostgresArrayElement, Equatable {
    case happy, sad
}

enum Decoders {
    /// Every PostgresDecodable type of the runtime, and arrays of each (with NULL elements too).
    static let all: [Decoder] = [
        roundTrip(Bool.self, exact: false),
        roundTrip(Int16.self, exact: true),
        roundTrip(Int32.self, exact: true),
        roundTrip(Int64.self, exact: true),
        roundTrip(Int.self, exact: true),
        roundTrip(Float.self, exact: true, equal: { $0.bitPattern == $1.bitPattern }),
        roundTrip(Double.self, exact: true, equal: { $0.bitPattern == $1.bitPattern }),
        roundTrip(Decimal.self, exact: false),
        roundTrip(PostgresNumeric.self, exact: false),
        date(),
        timestamp(),
        roundTrip(UUID.self, exact: true),
        roundTrip(String.self, exact: true, encodable: { !$0.utf8.contains(0) }),
        roundTrip(Mood.self, exact: true),
        roundTrip([UInt8].self, exact: true),
        roundTrip(Data.self, exact: true),
        roundTrip(JSONB.self, exact: true),
        decodeOnly(UInt8.self),
        roundTrip(String?.self, exact: true, encodable: { !($0?.utf8.contains(0) ?? false) }),
        roundTrip([Bool].self, exact: false),
        roundTrip([Int16].self, exact: false),
        roundTrip([Int32?].self, exact: false),
        roundTrip([Int64].self, exact: false),
        roundTrip([Int?].self, exact: false),
        roundTrip([Float].self, exact: false, equal: { $0.map(\.bitPattern) == $1.map(\.bitPattern) }),
        roundTrip([Double?].self, exact: false, equal: { $0.map { $0?.bitPattern } == $1.map { $0?.bitPattern } }),
        roundTrip([Decimal].self, exact: false),
        roundTrip([PostgresNumeric?].self, exact: false),
        decodeOnly([Date].self),
        decodeOnly([PostgresTimestamp?].self),
        roundTrip([UUID].self, exact: false),
        roundTrip([String?].self, exact: false, encodable: { !$0.contains { $0?.utf8.contains(0) ?? false } }),
        roundTrip([Mood].self, exact: false),
        roundTrip([[UInt8]].self, exact: false),
        roundTrip([Data?].self, exact: false),
        roundTrip([JSONB].self, exact: false),
        decodeOnly([[Int32]].self),
        numericText(),
    ]

    static func decodeOnly<T: PostgresDecodable>(_: T.Type) -> Decoder {
        Decoder(name: "\(T.self)") { bytes, type, _ in _ = try? T(postgresBytes: bytes, type: type) }
    }

    /// Decodes; when the column is of the type's own OID and the value is `encodable` (text with
    /// a NUL byte is not: PostgreSQL text cannot hold one, so no server sends it), encodes,
    /// compares the bytes when `exact`, and decodes the encoding again to a value `equal` to the
    /// first.
    static func roundTrip<T: PostgresCodable>(
        _: T.Type, exact: Bool, equal: @escaping @Sendable (T, T) -> Bool, encodable: @escaping @Sendable (T) -> Bool = { _ in true }
    ) -> Decoder {
        Decoder(name: "\(T.self)") { bytes, type, input in
            guard let value = try? T(postgresBytes: bytes, type: type) else { return }
            _ = String(describing: value)
            guard type == T.postgresType, encodable(value) else { return }
            var writer = PostgresWriter()
            do {
                try value.encode(into: &writer)
            } catch {
                propertyFailed("\(T.self): a decoded value does not encode", "\(error)", input: input)
                return
            }
            if exact, !writer.bytes.elementsEqual(bytes) {
                propertyFailed("\(T.self): the encoding differs from the bytes decoded", "\(writer.bytes)", input: input)
            }
            let again = writer.bytes.withUnsafeBytes { try? T(postgresBytes: $0, type: type) }
            guard let again, equal(value, again) else {
                propertyFailed("\(T.self): decode, encode, decode gives another value", "\(value)", input: input)
                return
            }
        }
    }

    static func roundTrip<T: PostgresCodable & Equatable>(
        _ type: T.Type, exact: Bool, encodable: @escaping @Sendable (T) -> Bool = { _ in true }
    ) -> Decoder {
        roundTrip(type, exact: exact, equal: ==, encodable: encodable)
    }

    /// `Date` from timestamptz: the microseconds come back exactly within 136 years of 2001
    /// (beyond, a Double's seconds no longer hold every microsecond).
    static func date() -> Decoder {
        Decoder(name: "Date") { bytes, type, input in
            guard let value = try? Date(postgresBytes: bytes, type: type) else { return }
            guard type == .timestamptz, abs(value.timeIntervalSinceReferenceDate) < 4_294_967_296 else { return }
            var writer = PostgresWriter()
            do {
                try value.encode(into: &writer)
            } catch {
                propertyFailed("Date: a decoded value does not encode", "\(error)", input: input)
                return
            }
            if !writer.bytes.elementsEqual(bytes) {
                propertyFailed("Date: the encoding differs from the bytes decoded", "\(writer.bytes)", input: input)
            }
        }
    }

    /// Not a decoder but the other way numerics come in: `PostgresNumeric(text)` on the value's
    /// bytes as UTF-8. What it reads prints as text that reads back the same, and travels.
    static func numericText() -> Decoder {
        Decoder(name: "PostgresNumeric(text)") { bytes, _, input in
            guard let value = PostgresNumeric(String(decoding: bytes, as: UTF8.self)) else { return }
            guard PostgresNumeric(value.text)?.text == value.text else {
                propertyFailed("PostgresNumeric(text): its text does not read back", value.text, input: input)
                return
            }
            var writer = PostgresWriter()
            try? value.encode(into: &writer)
            let again = writer.bytes.withUnsafeBytes { try? PostgresNumeric(postgresBytes: $0, type: .numeric) }
            if again?.text != value.text {
                propertyFailed("PostgresNumeric(text): encode, decode gives another text", value.text, input: input)
            }
        }
    }

    /// `PostgresTimestamp`: the infinities and finite values as `Date` keeps them.
    static func timestamp() -> Decoder {
        Decoder(name: "PostgresTimestamp") { bytes, type, input in
            guard let value = try? PostgresTimestamp(postgresBytes: bytes, type: type), type == .timestamptz else { return }
            if case .finite(let date) = value, abs(date.timeIntervalSinceReferenceDate) >= 4_294_967_296 { return }
            var writer = PostgresWriter()
            do {
                try value.encode(into: &writer)
            } catch {
                propertyFailed("PostgresTimestamp: a decoded value does not encode", "\(error)", input: input)
                return
            }
            if !writer.bytes.elementsEqual(bytes) {
                propertyFailed("PostgresTimestamp: the encoding differs from the bytes decoded", "\(writer.bytes)", input: input)
            }
        }
    }
}
