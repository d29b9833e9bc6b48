extension PostgresReader {
    /// Reads an int2, int4 or int8 column as Int64 (CockroachDB's INT is int8).
    static func integer(_ bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) -> Int64 {
        var reader = PostgresReader(bytes)
        let value: Int64
        switch (type, bytes.count) {
        case (.int2, 2): value = Int64(try reader.read(Int16.self))
        case (.int4, 4), (.oid, 4): value = Int64(try reader.read(Int32.self))
        case (.int8, 8): value = try reader.read(Int64.self)
        default: throw CodecError("not an integer column")
        }
        return value
    }
}

extension PostgresDecodable where Self: FixedWidthInteger & SignedInteger {
    static func decodeInteger(_ bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) -> Self {
        let wide = try PostgresReader.integer(bytes, type: type)
        guard let value = Self(exactly: wide) else { throw CodecError("integer out of range for \(Self.self)") }
        return value
    }
}

extension Int16: PostgresCodable, PostgresArrayElement {
    public static var postgresType: PostgresType { .int2 }
    public static var postgresArrayType: PostgresType { .int2Array }
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(integer: self) }
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        self = try Self.decodeInteger(bytes, type: type)
    }
}

extension Int32: PostgresCodable, PostgresArrayElement {
    public static var postgresType: PostgresType { .int4 }
    public static var postgresArrayType: PostgresType { .int4Array }
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(integer: self) }
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        self = try Self.decodeInteger(bytes, type: type)
    }
}

extension Int64: PostgresCodable, PostgresArrayElement {
    public static var postgresType: PostgresType { .int8 }
    public static var postgresArrayType: PostgresType { .int8Array }
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(integer: self) }
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        self = try Self.decodeInteger(bytes, type: type)
    }
}

extension Int: PostgresCodable, PostgresArrayElement {
    public static var postgresType: PostgresType { .int8 }
    public static var postgresArrayType: PostgresType { .int8Array }
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(integer: Int64(self)) }
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        self = try Self.decodeInteger(bytes, type: type)
    }
}

extension Bool: PostgresCodable, PostgresArrayElement {
    public static var postgresType: PostgresType { .bool }
    public static var postgresArrayType: PostgresType { .boolArray }
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(byte: self ? 1 : 0) }
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        guard type == .bool, bytes.count == 1 else { throw CodecError("not a bool column") }
        self = bytes[0] != 0
    }
}
