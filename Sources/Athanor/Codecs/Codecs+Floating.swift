extension Double: PostgresCodable, PostgresArrayElement {
    /// float8.
    public static var postgresType: PostgresType { .float8 }
    /// float8[].
    public static var postgresArrayType: PostgresType { .float8Array }
    /// The IEEE 754 bit pattern, big-endian.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(integer: bitPattern) }
    /// From float8, or float4 (widened exactly); any other type is a decoding error.
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        var reader = PostgresReader(bytes)
        switch (type, bytes.count) {
        case (.float8, 8): self = Double(bitPattern: try reader.read(UInt64.self))
        case (.float4, 4): self = Double(Float(bitPattern: try reader.read(UInt32.self)))
        default: throw CodecError("not a float4 or float8 column")
        }
    }
}

extension Float: PostgresCodable, PostgresArrayElement {
    /// float4.
    public static var postgresType: PostgresType { .float4 }
    /// float4[].
    public static var postgresArrayType: PostgresType { .float4Array }
    /// The IEEE 754 bit pattern, big-endian.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(integer: bitPattern) }
    /// From float4 only: a float8 value never narrows silently (decode it into `Double`).
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        var reader = PostgresReader(bytes)
        guard type == .float4, bytes.count == 4 else { throw CodecError("not a float4 column") }
        self = Float(bitPattern: try reader.read(UInt32.self))
    }
}
