import FoundationEssentials

/// `Decimal` travels as numeric, converted through base-10000 digits (never through strings).
/// NaN cannot be encoded; NaN, infinities and values beyond Decimal's 38 digits cannot be
/// decoded: each is a typed error, never a silent 0 or a rounding. Use `PostgresNumeric` for
/// those values.
extension Decimal: PostgresCodable, PostgresArrayElement {
    /// numeric.
    public static var postgresType: PostgresType { .numeric }
    /// numeric[].
    public static var postgresArrayType: PostgresType { .numericArray }

    /// Exactly, as base-10000 digits; throws ``AthanorError/encoding(_:)`` for NaN.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) {
        guard !isNaN else { throw .encoding(EncodingFailure(swiftType: "Decimal", reason: "NaN")) }
        let digits = Self.decimalDigits(of: Self.magnitude(of: significand))
        do {
            try NumericDigits(decimalDigits: digits, exponent: exponent, negative: sign == .minus)
                .write(into: &writer)
        } catch {
            throw .encoding(EncodingFailure(swiftType: "Decimal", reason: error.reason))
        }
    }

    /// From numeric (or int2, int4, int8). NaN, ±Infinity and values beyond 38 significant digits
    /// are decoding errors that name ``PostgresNumeric``.
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        if type.isInteger {
            self = Decimal(try PostgresReader.integer(bytes, type: type))
            return
        }
        guard type == .numeric else { throw CodecError("not a numeric column") }
        let numeric = try NumericDigits(reading: bytes)
        switch numeric.sign {
        case NumericDigits.positive, NumericDigits.negative: break
        case NumericDigits.nan: throw CodecError("NaN does not fit Decimal (decode into PostgresNumeric)")
        default: throw CodecError("infinity does not fit Decimal (decode into PostgresNumeric)")
        }
        let (digits, exponent) = numeric.decimalDigits
        var magnitude: UInt128 = 0
        for digit in digits {
            let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times10.addingReportingOverflow(UInt128(digit))
            guard !overflow, !carry else {
                throw CodecError("more than 38 significant digits (decode into PostgresNumeric)")
            }
            magnitude = sum
        }
        guard digits.isEmpty || (-128...127).contains(exponent) else {
            throw CodecError("exponent out of Decimal's range (decode into PostgresNumeric)")
        }
        let high = Decimal(UInt64(truncatingIfNeeded: magnitude >> 64))
        let low = Decimal(UInt64(truncatingIfNeeded: magnitude))
        let significand = high * (Decimal(UInt64.max) + 1) + low
        self = digits.isEmpty ? 0 : Decimal(
            sign: numeric.sign == NumericDigits.negative ? .minus : .plus,
            exponent: exponent, significand: significand)
    }

    /// Decimal's 128-bit mantissa, read from its storage when the layout is the known one.
    static func magnitude(of integer: Decimal) -> UInt128 {
        if layoutIsKnown { return storedMantissa(of: integer) }
        var value: UInt128 = 0
        for character in integer.description.utf8 where character >= 48 && character <= 57 {
            value = value &* 10 &+ UInt128(character - 48)
        }
        return value
    }

    private static func storedMantissa(of value: Decimal) -> UInt128 {
        withUnsafeBytes(of: value) { raw in
            var mantissa: UInt128 = 0
            for index in (0..<8).reversed() {
                mantissa = mantissa << 16 | UInt128(raw.loadUnaligned(fromByteOffset: 4 + 2 * index, as: UInt16.self))
            }
            return mantissa
        }
    }

    private static let layoutIsKnown: Bool =
        MemoryLayout<Decimal>.size == 20 && storedMantissa(of: Decimal(123_456_789_012)) == 123_456_789_012
        && storedMantissa(of: Decimal(UInt64.max)) == UInt128(UInt64.max)

    static func decimalDigits(of magnitude: UInt128) -> [UInt8] {
        var digits: [UInt8] = []
        var rest = magnitude
        while rest > 0 {
            let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: 10)
            digits.append(UInt8(remainder))
            rest = quotient
        }
        return digits.reversed()
    }
}
