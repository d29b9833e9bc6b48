/// Arrays travel as one-dimensional PostgreSQL arrays, NULL elements included (`[T?]`);
/// `[UInt8]` is bytea. Bind them for bulk statements:
/// ```swift
/// try await tx.execute(
///     "INSERT INTO users (id, email) SELECT * FROM unnest($1::uuid[], $2::text[])",
///     [ids, emails])
/// ```
extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// `bytea` for `[UInt8]`; otherwise the element's array type (`text[]` for `[String]`).
    public static var postgresType: PostgresType {
        Element.self == UInt8.self ? .bytea : Element.postgresArrayType
    }

    /// Writes a one-dimensional array with lower bound 1 (an empty array has no dimension) and
    /// NULL elements as length -1; `[UInt8]` as bytea's raw bytes. Throws
    /// ``AthanorError/encoding(_:)`` past `Int32.max` elements.
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) {
        if Element.self == UInt8.self, let bytes = self as? [UInt8] {
            writer.write(bytes)
            return
        }
        guard count <= Int32.max else {
            throw .encoding(EncodingFailure(swiftType: "\(Self.self)", reason: "too many elements"))
        }
        if isEmpty {
            writer.write(integer: Int32(0))
            writer.write(integer: Int32(0))
            writer.write(integer: Element.postgresType.rawValue)
            return
        }
        writer.write(integer: Int32(1))
        writer.write(integer: Int32(contains { $0.isNull } ? 1 : 0))
        writer.write(integer: Element.postgresType.rawValue)
        writer.write(integer: Int32(count))
        writer.write(integer: Int32(1))
        for element in self {
            if element.isNull {
                writer.write(integer: Int32(-1))
            } else {
                let position = writer.reserveLength()
                try element.encode(into: &writer)
                writer.patchLength(at: position)
            }
        }
    }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// One-dimensional arrays of any lower bound; NULL elements need an Optional element type.
    /// Inlinable, so a decoder in another module gets a copy specialised for its element type.
    @inlinable
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        self = try Self.decode(bytes, type: type, reusing: nil)
    }

    /// As ``init(postgresBytes:type:)``, each element decoded reusing the candidate's element at
    /// its position (a `[String]`'s strings are shared with the candidate's when equal); a
    /// `bytea` equal to the candidate is the candidate.
    @inlinable
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType, reusing candidate: Self) throws(CodecError) {
        self = try Self.decode(bytes, type: type, reusing: candidate)
    }

    /// The one decoder of both initialisers.
    @inlinable
    static func decode(_ bytes: UnsafeRawBufferPointer, type: PostgresType, reusing candidate: Self?) throws(CodecError) -> Self {
        if Element.self == UInt8.self {
            guard type == .bytea else { throw CodecError("not a bytea column") }
            if let candidate, candidate.withUnsafeBytes({ $0.hasSameBytes(as: bytes) }) { return candidate }
            guard let bytes = Array<UInt8>(bytes) as? Self else { throw CodecError("not a bytea column") }
            return bytes
        }
        var reader = PostgresReader(bytes)
        let dimensions = try reader.read(Int32.self)
        _ = try reader.read(Int32.self)
        let elementType = PostgresType(rawValue: try reader.read(UInt32.self))
        guard dimensions <= 1 else { throw CodecError("multi-dimensional arrays are not supported") }
        guard dimensions >= 0 else { throw CodecError("bad array header") }
        guard dimensions == 1 else { return [] }
        let count = try reader.read(Int32.self)
        _ = try reader.read(Int32.self)
        guard count >= 0, Int(count) <= reader.remaining / 4 else { throw CodecError("bad array length") }
        var elements: [Element] = []
        elements.reserveCapacity(Int(count))
        for position in 0..<Int(count) {
            let length = try reader.read(Int32.self)
            if length < 0 {
                elements.append(try Element.decodeNull())
            } else if let candidate, position < candidate.count {
                elements.append(try Element(postgresBytes: try reader.read(count: Int(length)), type: elementType,
                                            reusing: candidate[position]))
            } else {
                elements.append(try Element(postgresBytes: try reader.read(count: Int(length)), type: elementType))
            }
        }
        guard reader.remaining == 0 else { throw CodecError("bad array length") }
        // Elements bit for bit the candidate's (equal values, the same shared storage) make the
        // candidate itself the value: its buffer is kept and this one freed.
        if let candidate, candidate.count == elements.count,
           candidate.withUnsafeBytes({ old in elements.withUnsafeBytes { new in old.hasSameBytes(as: new) } }) {
            return candidate
        }
        return elements
    }
}
