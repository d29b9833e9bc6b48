/// numeric's wire form: base-10000 digits, weight, sign and display scale.
struct NumericDigits: Equatable {
    static let positive: UInt16 = 0x0000
    static let negative: UInt16 = 0x4000
    static let nan: UInt16 = 0xC000
    static let positiveInfinity: UInt16 = 0xD000
    static let negativeInfinity: UInt16 = 0xF000

    var groups: [Int16]
    var weight: Int16
    var sign: UInt16
    var scale: Int16

    /// From decimal digits (most significant first, each 0...9) times 10^exponent.
    init(decimalDigits: [UInt8], exponent: Int, negative: Bool) throws(CodecError) {
        let fraction = max(0, -exponent)
        guard fraction <= 16383, decimalDigits.count + max(0, exponent) <= 131_072 + 16383 else {
            throw CodecError("numeric out of range")
        }
        var digits = decimalDigits
        if exponent > 0 { digits += repeatElement(0, count: exponent) }
        var integerCount = digits.count - fraction
        if integerCount < 0 {
            digits.insert(contentsOf: repeatElement(0, count: -integerCount), at: 0)
            integerCount = 0
        }
        let leftPad = (4 - integerCount % 4) % 4
        digits.insert(contentsOf: repeatElement(0, count: leftPad), at: 0)
        digits += repeatElement(0, count: (4 - fraction % 4) % 4)
        var groups: [Int16] = []
        groups.reserveCapacity(digits.count / 4)
        for start in stride(from: 0, to: digits.count, by: 4) {
            var group: Int16 = 0
            for digit in digits[start..<(start + 4)] { group = group * 10 + Int16(digit) }
            groups.append(group)
        }
        var weight = (integerCount + leftPad) / 4 - 1
        // Leading zeros go in one step: one at a time is quadratic in their number.
        let leadingZeros = groups.prefix { $0 == 0 }.count
        groups.removeFirst(leadingZeros)
        weight -= leadingZeros
        while let last = groups.last, last == 0 { groups.removeLast() }
        self.groups = groups
        self.weight = groups.isEmpty ? 0 : Int16(clamping: weight)
        self.sign = negative && !groups.isEmpty ? Self.negative : Self.positive
        self.scale = Int16(fraction)
    }

    init(special sign: UInt16) {
        groups = []
        weight = 0
        self.sign = sign
        scale = 0
    }

    init(reading bytes: UnsafeRawBufferPointer) throws(CodecError) {
        var reader = PostgresReader(bytes)
        let count = try reader.read(Int16.self)
        weight = try reader.read(Int16.self)
        sign = try reader.read(UInt16.self)
        scale = try reader.read(Int16.self)
        guard count >= 0, reader.remaining == Int(count) * 2 else { throw CodecError("bad numeric length") }
        // PostgreSQL's numeric_recv accepts these five signs and a display scale of 0...0x3FFF.
        switch sign {
        case Self.positive, Self.negative, Self.nan, Self.positiveInfinity, Self.negativeInfinity: break
        default: throw CodecError("bad numeric sign")
        }
        guard (0...0x3FFF).contains(scale) else { throw CodecError("bad numeric scale") }
        groups = []
        for _ in 0..<count {
            let group = try reader.read(Int16.self)
            guard (0...9999).contains(group) else { throw CodecError("bad numeric digit") }
            groups.append(group)
        }
    }

    func write(into writer: inout PostgresWriter) {
        writer.write(integer: Int16(groups.count))
        writer.write(integer: weight)
        writer.write(integer: sign)
        writer.write(integer: scale)
        for group in groups { writer.write(integer: group) }
    }

    /// The value as decimal digits (no leading zeros) times 10^exponent, trailing zeros removed.
    var decimalDigits: (digits: [UInt8], exponent: Int) {
        var digits: [UInt8] = []
        for group in groups {
            let value = Int(group)
            for divisor in [1000, 100, 10, 1] { digits.append(UInt8(value / divisor % 10)) }
        }
        var exponent = 4 * (Int(weight) - groups.count + 1)
        digits.removeFirst(digits.prefix { $0 == 0 }.count)
        while let last = digits.last, last == 0 { digits.removeLast(); exponent += 1 }
        return (digits, exponent)
    }
}
