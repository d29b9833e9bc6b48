import FoundationEssentials

extension UInt8: PostgresArrayElement {
    /// A byte is not a PostgreSQL type: `[UInt8]` is bytea as a whole.
    public static var postgresType: PostgresType { .bytea }
    /// bytea too: a `[UInt8]` parameter is one bytea value.
    public static var postgresArrayType: PostgresType { .bytea }
    /// Writes the byte itself.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(byte: self) }
}

extension Data: PostgresCodable, PostgresArrayElement {
    /// bytea.
    public static var postgresType: PostgresType { .bytea }
    /// bytea[].
    public static var postgresArrayType: PostgresType { .byteaArray }
    /// Writes the bytes as they are.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { writer.write(self) }
    /// From a bytea column; any other type is a decoding error.
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        guard type == .bytea else { throw CodecError("not a bytea column") }
        self = Data(bytes)
    }
}

extension Array: PostgresArrayElement where Element == UInt8 {
    /// bytea[]: an array of `[UInt8]` values is an array of bytea.
    public static var postgresArrayType: PostgresType { .byteaArray }
}

extension UInt8: PostgresDecodable {
    /// A byte reads PostgreSQL's one-byte `"char"` type; `[UInt8]` reads bytea.
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        guard type.rawValue == 18, bytes.count == 1 else { throw CodecError("not a \"char\" column") }
        self = bytes[0]
    }
}
