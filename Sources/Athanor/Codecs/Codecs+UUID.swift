import FoundationEssentials

extension UUID: PostgresCodable, PostgresArrayElement {
    /// uuid.
    public static var postgresType: PostgresType { .uuid }
    /// uuid[].
    public static var postgresArrayType: PostgresType { .uuidArray }
    /// The 16 bytes.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) {
        withUnsafeBytes(of: uuid) { writer.write($0) }
    }
    /// 16 bytes from a uuid column, or 36 characters from a text column.
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        if type == .uuid, bytes.count == 16 {
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: bytes) }
            self = UUID(uuid: value)
            return
        }
        guard type != .uuid, let text = String(validating: bytes, as: UTF8.self), let value = UUID(uuidString: text) else {
            throw CodecError("not a uuid")
        }
        self = value
    }
}
