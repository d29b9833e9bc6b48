/// A lossless numeric: any precision, NaN and ±Infinity, as PostgreSQL prints it.
///
/// `Decimal` holds 38 significant digits; a `numeric` column may hold far more. Decode into
/// this type when every digit matters:
/// ```swift
/// let total = try row.decode(PostgresNumeric.self, column: "total").text  // "1234567890...1.50"
/// ```
public struct PostgresNumeric: PostgresCodable, PostgresArrayElement, Hashable, CustomStringConvertible {
    /// The value as text: `-12.50`, `NaN`, `Infinity`, `-Infinity`.
    public let text: String
    let digits: NumericDigits

    /// Parses `[-+]digits[.digits]`, `NaN`, `Infinity` or `-Infinity`; nil for anything else.
    public init?(_ text: String) {
        switch text {
        case "NaN": digits = NumericDigits(special: NumericDigits.nan)
        case "Infinity": digits = NumericDigits(special: NumericDigits.positiveInfinity)
        case "-Infinity": digits = NumericDigits(special: NumericDigits.negativeInfinity)
        default:
            var body = Substring(text)
            let negative = body.hasPrefix("-")
            if negative || body.hasPrefix("+") { body = body.dropFirst() }
            let parts = body.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), !body.isEmpty, body != ".",
                  parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
            else { return nil }
            let fraction = parts.count == 2 ? parts[1] : ""
            let all = (parts[0] + fraction).utf8.map { $0 - 48 }
            guard let parsed = try? NumericDigits(decimalDigits: all, exponent: -fraction.count, negative: negative) else {
                return nil
            }
            digits = parsed
        }
        self.text = Self.render(digits)
    }

    /// The value as text, the same as ``text``.
    public var description: String { text }

    /// numeric.
    public static var postgresType: PostgresType { .numeric }
    /// numeric[].
    public static var postgresArrayType: PostgresType { .numericArray }

    /// Exactly: every digit and the scale, NaN and ±Infinity included.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { digits.write(into: &writer) }

    /// From a numeric column only.
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        guard type == .numeric else { throw CodecError("not a numeric column") }
        digits = try NumericDigits(reading: bytes)
        text = Self.render(digits)
    }

    /// Equal when the texts are equal: `1.50` and `1.5` differ, as their scales do.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.text == rhs.text }
    /// Hashes the text, as `==` compares it.
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    static func render(_ numeric: NumericDigits) -> String {
        switch numeric.sign {
        case NumericDigits.nan: return "NaN"
        case NumericDigits.positiveInfinity: return "Infinity"
        case NumericDigits.negativeInfinity: return "-Infinity"
        default: break
        }
        var integer = ""
        var fraction = ""
        for (index, group) in numeric.groups.enumerated() {
            let position = Int(numeric.weight) - index
            let padded = String(repeating: "0", count: 4 - String(group).count) + String(group)
            if position >= 0 { integer += padded } else { fraction += padded }
        }
        if numeric.weight >= 0 { integer += String(repeating: "0", count: 4 * max(0, Int(numeric.weight) + 1 - numeric.groups.count)) }
        let leading = -Int(numeric.weight) - 1
        if leading > 0, !numeric.groups.isEmpty { fraction = String(repeating: "0", count: 4 * leading) + fraction }
        // One pass: removing zeros one at a time is quadratic, and a weight of 32767 with no
        // digit makes 131,072 of them (a scripts/fuzz finding: 12 s for one value).
        integer = String(decoding: integer.utf8.drop { $0 == UInt8(ascii: "0") }, as: UTF8.self)
        if integer.isEmpty { integer = "0" }
        let scale = Int(numeric.scale)
        if fraction.count > scale { fraction = String(fraction.prefix(scale)) }
        fraction += String(repeating: "0", count: scale - fraction.count)
        let sign = numeric.sign == NumericDigits.negative ? "-" : ""
        return sign + integer + (scale > 0 ? "." + fraction : "")
    }
}
