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
    /// int2.
    public static var postgresType: PostgresType { .int2 }
    /// int2[].
    public static var postgresArrayType: PostgresType { .int2Array }
    /// Two bytes, big-endian.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(integer: self) }
    /// From int2, int4 or int8 when the value fits in `Int16`; a value that does not is a
    /// decoding error (`integer out of range for Int16`), never a truncation.
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        self = try Self.decodeInteger(bytes, type: type)
    }
}

extension Int32: PostgresCodable, PostgresArrayElement {
    /// int4.
    public static var postgresType: PostgresType { .int4 }
    /// int4[].
    public static var postgresArrayType: PostgresType { .int4Array }
    /// Four bytes, big-endian.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(integer: self) }
    /// From int2, int4 or int8 when the value fits in `Int32`; a value that does not is a
    /// decoding error, never a truncation.
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        self = try Self.decodeInteger(bytes, type: type)
    }
}

extension Int64: PostgresCodable, PostgresArrayElement {
    /// int8 (CockroachDB's `INT`).
    public static var postgresType: PostgresType { .int8 }
    /// int8[].
    public static var postgresArrayType: PostgresType { .int8Array }
    /// Eight bytes, big-endian.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(integer: self) }
    /// From int2, int4 or int8 (narrower columns widen).
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        self = try Self.decodeInteger(bytes, type: type)
    }
}

extension Int: PostgresCodable, PostgresArrayElement {
    /// int8: an `Int` travels as 64 bits.
    public static var postgresType: PostgresType { .int8 }
    /// int8[].
    public static var postgresArrayType: PostgresType { .int8Array }
    /// Eight bytes, big-endian.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(integer: Int64(self)) }
    /// From int2, int4 or int8 (narrower columns widen).
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        self = try Self.decodeInteger(bytes, type: type)
    }
}

extension Bool: PostgresCodable, PostgresArrayElement {
    /// bool.
    public static var postgresType: PostgresType { .bool }
    /// bool[].
    public static var postgresArrayType: PostgresType { .boolArray }
    /// One byte: 1 or 0.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(byte: self ? 1 : 0) }
    /// From a bool column only.
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        guard type == .bool, bytes.count == 1 else { throw CodecError("not a bool column") }
        self = bytes[0] != 0
    }
}
