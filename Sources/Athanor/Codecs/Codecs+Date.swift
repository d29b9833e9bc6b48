import FoundationEssentials

/// A timestamp that may be infinite, for columns that hold `'infinity'`.
///
/// Decoding `'infinity'` into `Date` is an error (never a garbage date); decode into this type
/// to read it.
public enum PostgresTimestamp: PostgresCodable, PostgresArrayElement, Hashable {
    /// A finite instant.
    case finite(Date)
    /// `'infinity'`.
    case infinity
    /// `'-infinity'`.
    case negativeInfinity

    /// timestamptz.
    public static var postgresType: PostgresType { .timestamptz }
    /// timestamptz[].
    public static var postgresArrayType: PostgresType { .timestamptzArray }

    /// A finite instant as `Date` encodes it; `.infinity` and `.negativeInfinity` as
    /// PostgreSQL's own infinities (`Int64.max` and `Int64.min` microseconds).
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) {
        switch self {
        case .finite(let date): try date.encode(into: &writer)
        case .infinity: writer.write(integer: Int64.max)
        case .negativeInfinity: writer.write(integer: Int64.min)
        }
    }

    /// From timestamptz or timestamp, whose infinities become `.infinity` and `.negativeInfinity`;
    /// any other value as `Date` decodes it (a date column included).
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        var reader = PostgresReader(bytes)
        if type == .timestamptz || type == .timestamp, bytes.count == 8 {
            let micros = try reader.read(Int64.self)
            if micros == .max { self = .infinity; return }
            if micros == .min { self = .negativeInfinity; return }
        }
        self = .finite(try Date(postgresBytes: bytes, type: type))
    }
}

extension Date: PostgresCodable, PostgresArrayElement {
    /// Seconds from 2000-01-01 (PostgreSQL's epoch) to 2001-01-01 (Foundation's reference date).
    static let postgresEpochOffset: Int64 = 31_622_400

    /// timestamptz: a `Date` is an instant (microseconds since 2000-01-01 UTC on the wire).
    public static var postgresType: PostgresType { .timestamptz }
    /// timestamptz[].
    public static var postgresArrayType: PostgresType { .timestamptzArray }

    /// Microseconds since 2000-01-01 UTC, rounded to the nearest microsecond.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) {
        let seconds = timeIntervalSinceReferenceDate
        let whole = seconds.rounded(.down)
        let micros = ((seconds - whole) * 1_000_000).rounded()
        guard whole.isFinite, abs(whole) < 9e12,
              let wholeSeconds = Int64(exactly: whole), let fraction = Int64(exactly: micros)
        else {
            throw .encoding(EncodingFailure(swiftType: "Date", reason: "outside the range of timestamptz"))
        }
        writer.write(integer: (wholeSeconds + Self.postgresEpochOffset) * 1_000_000 + fraction)
    }

    /// From timestamptz, timestamp (read as UTC) or date; infinite values are an error.
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        var reader = PostgresReader(bytes)
        switch (type, bytes.count) {
        case (.timestamptz, 8), (.timestamp, 8):
            let micros = try reader.read(Int64.self)
            guard micros != .max, micros != .min else {
                throw CodecError("infinite timestamp (decode into PostgresTimestamp)")
            }
            let (seconds, fraction) = micros.quotientAndRemainder(dividingBy: 1_000_000)
            let adjusted = fraction < 0 ? (seconds - 1, fraction + 1_000_000) : (seconds, fraction)
            self.init(timeIntervalSinceReferenceDate:
                Double(adjusted.0 - Self.postgresEpochOffset) + Double(adjusted.1) / 1_000_000)
        case (.date, 4):
            let days = try reader.read(Int32.self)
            guard days != .max, days != .min else { throw CodecError("infinite date") }
            self.init(timeIntervalSinceReferenceDate: Double(Int64(days) * 86_400 - Self.postgresEpochOffset))
        default:
            throw CodecError("not a timestamp column")
        }
    }
}
