extension Double: PostgresCodable, PostgresArrayElement {
    public static var postgresType: PostgresType { .float8 }
    public static var postgresArrayType: PostgresType { .float8Array }
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(integer: bitPattern) }
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
    public static var postgresType: PostgresType { .float4 }
    public static var postgresArrayType: PostgresType { .float4Array }
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(integer: bitPattern) }
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        var reader = PostgresReader(bytes)
        guard type == .float4, bytes.count == 4 else { throw CodecError("not a float4 column") }
        self = Float(bitPattern: try reader.read(UInt32.self))
    }
}
