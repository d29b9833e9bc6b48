#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String: PostgresCodable, PostgresArrayElement {
    /// text.
    public static var postgresType: PostgresType { .text }
    /// text[].
    public static var postgresArrayType: PostgresType { .textArray }
    /// The UTF-8 bytes; throws ``AthanorError/encoding(_:)`` when the string contains a NUL
    /// byte, which PostgreSQL text cannot hold.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) {
        guard !utf8.contains(0) else {
            throw .encoding(EncodingFailure(swiftType: "String", reason: "PostgreSQL text cannot contain NUL bytes"))
        }
        writer.write(utf8)
    }
    /// Any text-like column (text, varchar, name, enums) as UTF-8; jsonb without its version byte.
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        var bytes = bytes
        if type == .jsonb {
            guard bytes.first == 1 else { throw CodecError("unknown jsonb version") }
            bytes = UnsafeRawBufferPointer(rebasing: bytes.dropFirst())
        }
        // Decoding repairs invalid UTF-8 (U+FFFD), which changes the bytes, so valid text is the
        // text that comes back byte for byte. Unlike `String(validating:as:)`, this path is
        // specialised: no generic metadata lookups per value (they showed in W6's profile).
        let text = String(decoding: bytes, as: UTF8.self)
        let same = text.utf8.withContiguousStorageIfAvailable { UnsafeRawBufferPointer($0).elementsEqual(bytes) }
            ?? text.utf8.elementsEqual(bytes)
        guard same else { throw CodecError("invalid UTF-8") }
        self = text
    }

    /// `candidate` itself when the bytes are exactly its UTF-8 (no copy, no validation: its
    /// bytes are valid UTF-8 already); otherwise decoded as ``init(postgresBytes:type:)`` does.
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType, reusing candidate: String) throws(CodecError) {
        var text = bytes
        if type == .jsonb, text.first == 1 { text = UnsafeRawBufferPointer(rebasing: text.dropFirst()) }
        var candidate = candidate
        if candidate.withUTF8({ UnsafeRawBufferPointer($0).hasSameBytes(as: text) }) {
            self = candidate
            return
        }
        try self.init(postgresBytes: bytes, type: type)
    }
}

extension UnsafeRawBufferPointer {
    /// Whether the two buffers hold the same bytes (one `memcmp`).
    @usableFromInline
    func hasSameBytes(as other: UnsafeRawBufferPointer) -> Bool {
        guard count == other.count else { return false }
        guard let base = baseAddress, let otherBase = other.baseAddress else { return true }
        return memcmp(base, otherBase, count) == 0
    }
}

extension RawRepresentable where Self: PostgresEncodable, RawValue == String {
    /// An enum's raw value, as text. Bind with a cast in SQL: `$1::status`.
    public static var postgresType: PostgresType { .text }
    /// The raw value, as text.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) { try rawValue.encode(into: &writer) }
}

extension RawRepresentable where Self: PostgresArrayElement, RawValue == String {
    /// Enum arrays travel as `text[]`: `$1::status[]`.
    public static var postgresArrayType: PostgresType { .textArray }
}

extension RawRepresentable where Self: PostgresDecodable, RawValue == String {
    /// An enum from its label; an unknown label is an error, not a default.
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        let label = try String(postgresBytes: bytes, type: type)
        guard let value = Self(rawValue: label) else { throw CodecError("unknown label for \(Self.self)") }
        self = value
    }
}
