/// A Swift value that can be sent as a parameter, in PostgreSQL's binary format.
///
/// Parameters are always bound, never spliced into SQL:
/// ```swift
/// try await pool.execute("UPDATE users SET name = $1 WHERE id = $2", [name, id])
/// ```
public protocol PostgresEncodable: Sendable {
    /// The type OID declared for the parameter.
    static var postgresType: PostgresType { get }
    /// Appends the value's binary representation (not called when `isNull` is true).
    func encode(into writer: inout PostgresWriter) throws(AthanorError)
    /// True when the value is SQL NULL.
    var isNull: Bool { get }
}

extension PostgresEncodable {
    /// Values are not NULL, except `Optional.none`.
    public var isNull: Bool { false }
}

/// A Swift type a result value can be decoded into, from PostgreSQL's binary format.
public protocol PostgresDecodable: Sendable {
    /// Decodes a non-NULL value of the given column type.
    init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError)
    /// Decodes a non-NULL value that is likely to equal `candidate` (the value a write sent, in
    /// the row it returns), keeping `candidate`'s storage when the bytes are exactly its
    /// encoding: the result is the server's value either way, but a bulk write's returned rows
    /// then share their strings and byte arrays with the values written instead of copying them.
    /// By default, decodes as ``init(postgresBytes:type:)`` does.
    init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType, reusing candidate: Self) throws(CodecError)
    /// The value for SQL NULL: an error, except for `Optional`.
    static func decodeNull() throws(CodecError) -> Self
}

extension PostgresDecodable {
    /// A non-optional type cannot hold NULL.
    @inlinable
    public static func decodeNull() throws(CodecError) -> Self {
        throw CodecError("unexpected NULL (decode into an Optional)")
    }

    /// Decodes as ``init(postgresBytes:type:)`` does: only types with storage to share
    /// (`String`, arrays, `Optional` of them) look at `candidate`.
    @inlinable
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType, reusing candidate: Self) throws(CodecError) {
        try self.init(postgresBytes: bytes, type: type)
    }
}

/// Both directions.
public typealias PostgresCodable = PostgresEncodable & PostgresDecodable

/// A type that can be the element of a PostgreSQL array parameter or result.
public protocol PostgresArrayElement: PostgresEncodable {
    /// The OID of the array type (`text[]` is 1009).
    static var postgresArrayType: PostgresType { get }
}

/// Why a value could not be decoded or encoded; never contains the value.
public struct CodecError: Error, Sendable, Hashable {
    /// The reason.
    public var reason: String
    /// Creates an error.
    public init(_ reason: String) { self.reason = reason }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    /// The wrapped type's OID: a `nil` parameter is a typed NULL.
    public static var postgresType: PostgresType { Wrapped.postgresType }
    /// True for `nil` (and for a wrapped value that is itself NULL).
    public var isNull: Bool {
        guard case .some(let value) = self else { return true }
        return value.isNull
    }
    /// Writes the wrapped value; nothing for `nil`, which is sent as NULL.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) {
        if case .some(let value) = self { try value.encode(into: &writer) }
    }
}

extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {
    /// The wrapped type's array OID: `[String?]` is a `text[]` with NULL elements.
    public static var postgresArrayType: PostgresType { Wrapped.postgresArrayType }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// Decodes a non-NULL value as `Wrapped` does.
    @inlinable
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        self = .some(try Wrapped(postgresBytes: bytes, type: type))
    }
    /// Decodes as `Wrapped` does, reusing the wrapped candidate when there is one.
    @inlinable
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType, reusing candidate: Self) throws(CodecError) {
        guard case .some(let wrapped) = candidate else {
            self = .some(try Wrapped(postgresBytes: bytes, type: type))
            return
        }
        self = .some(try Wrapped(postgresBytes: bytes, type: type, reusing: wrapped))
    }
    /// NULL is `nil`.
    @inlinable
    public static func decodeNull() throws(CodecError) -> Self { nil }
}

/// SQL NULL as a parameter of an unspecified type: `[PostgresNull()]`.
public struct PostgresNull: PostgresEncodable {
    /// NULL.
    public init() {}
    /// Unspecified (OID 0): the server infers the parameter's type from the statement.
    public static var postgresType: PostgresType { .unspecified }
    /// Always true.
    public var isNull: Bool { true }
    /// Writes nothing: the parameter is sent as NULL.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) {}
}
