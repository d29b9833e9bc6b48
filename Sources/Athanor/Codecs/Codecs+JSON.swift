import FoundationEssentials

/// A jsonb value: its JSON text as raw bytes, or any `Codable` value through JSON.
///
/// ```swift
/// try await pool.execute("UPDATE users SET preferences = $1 WHERE id = $2",
///                        [try JSONB(encoding: preferences), id])
/// let prefs = try row.decode(JSONB.self, column: "preferences").decode(Preferences.self)
/// ```
/// The server re-formats jsonb (key order, spacing): compare decoded values, not bytes.
public struct JSONB: PostgresCodable, PostgresArrayElement, Hashable {
    /// The JSON text, UTF-8.
    public var bytes: [UInt8]

    /// Wraps JSON text that is already encoded.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Wraps JSON text.
    public init(json: String) { self.bytes = Array(json.utf8) }

    /// Encodes a value with `JSONEncoder`.
    public init(encoding value: some Encodable, encoder: JSONEncoder = JSONEncoder()) throws(AthanorError) {
        do {
            self.bytes = Array(try encoder.encode(value))
        } catch {
            throw .encoding(EncodingFailure(swiftType: "JSONB", reason: "JSON encoding failed"))
        }
    }

    /// Decodes the JSON into a value.
    public func decode<T: Decodable>(_ type: T.Type = T.self, decoder: JSONDecoder = JSONDecoder()) throws(CodecError) -> T {
        do {
            return try decoder.decode(type, from: Data(bytes))
        } catch {
            throw CodecError("JSON does not decode as \(T.self)")
        }
    }

    /// The JSON text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// jsonb.
    public static var postgresType: PostgresType { .jsonb }
    /// jsonb[].
    public static var postgresArrayType: PostgresType { .jsonbArray }

    /// jsonb's version byte (1), then the JSON text as it is (the server checks it).
    public func encode(into writer: inout PostgresWriter) throws(AthanorError) {
        writer.write(byte: 1)
        writer.write(bytes)
    }

    /// `candidate` itself when the server's JSON text is byte for byte its own (the server
    /// re-formats jsonb, so a value written in another layout comes back as the server's).
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType, reusing candidate: JSONB) throws(CodecError) {
        let text = type == .jsonb && bytes.first == 1 ? UnsafeRawBufferPointer(rebasing: bytes.dropFirst()) : bytes
        if type == .jsonb || type == .json || type == .text || type == .varchar,
           candidate.bytes.withUnsafeBytes({ $0.hasSameBytes(as: text) }) {
            self = candidate
            return
        }
        try self.init(postgresBytes: bytes, type: type)
    }

    /// From jsonb (version byte 1), json, or text.
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws(CodecError) {
        switch type {
        case .jsonb:
            guard bytes.first == 1 else { throw CodecError("unknown jsonb version") }
            self.bytes = Array(bytes.dropFirst())
        case .json, .text, .varchar:
            self.bytes = Array(bytes)
        default:
            throw CodecError("not a json column")
        }
    }
}
