import FoundationEssentials

/// One page of a keyset-paginated listing (`page(where:orderBy:after:limit:)`): its rows, and
/// the cursor of the next page, nil on the last one.
public struct Page<Model: Sendable>: Sendable {
    /// The rows of this page, in order.
    public var items: [Model]
    /// Where the next page starts; nil when this page is the last.
    public var next: PageCursor?
}

/// Where a keyset page starts: the ordering columns' values of the last row of the page before
/// it, and its primary key (which breaks ties, so the order is total and no row is skipped or
/// repeated while rows are inserted between calls). Opaque: keep its ``token`` (URL-safe
/// text) and rebuild it with ``init(token:)``; pass it back with the same filter and ordering.
public struct PageCursor: Sendable, Hashable, CustomStringConvertible {
    /// The values in their binary form, nil for NULL, one per ordering term.
    let values: [[UInt8]?]

    init(values: [[UInt8]?]) { self.values = values }

    /// The cursor as URL-safe base64 text.
    public var token: String {
        var writer = PostgresWriter()
        writer.write(integer: UInt16(values.count))
        for value in values {
            guard let value else { writer.write(integer: Int32(-1)); continue }
            writer.write(integer: Int32(value.count))
            writer.write(value)
        }
        return Data(writer.bytes).base64EncodedString()
            .replacing("+", with: "-").replacing("/", with: "_")
            .replacing("=", with: "")
    }

    /// The cursor `token` was made from; nil when it is not one.
    public init?(token: String) {
        var base64 = token.replacing("-", with: "+").replacing("_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        let bytes = [UInt8](data)
        var offset = 0
        func integer(_ width: Int) -> Int64? {
            guard offset + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[offset..<offset + width] { value = value << 8 | Int64(byte) }
            offset += width
            return width == 4 ? Int64(Int32(truncatingIfNeeded: value)) : value
        }
        guard let count = integer(2), count <= 64 else { return nil }
        var values: [[UInt8]?] = []
        for _ in 0..<count {
            guard let length = integer(4) else { return nil }
            // -1 is NULL, as on the wire; another negative length is no cursor's.
            if length == -1 { values.append(nil); continue }
            guard length >= 0, offset + Int(length) <= bytes.count else { return nil }
            values.append(Array(bytes[offset..<offset + Int(length)]))
            offset += Int(length)
        }
        guard offset == bytes.count else { return nil }
        self.values = values
    }

    /// The token (it shows no value in a readable form, but it holds the row's values: treat it
    /// as you would the rows).
    public var description: String { token }
}

/// A value of a cursor, sent back in the binary form it came in and with no declared type: the
/// server gives it the type of the column it is compared with.
struct CursorValue: PostgresEncodable {
    static var postgresType: PostgresType { .unspecified }
    let bytes: [UInt8]?

    func encode(into writer: inout PostgresWriter) throws(AthanorError) {
        if let bytes { writer.write(bytes) }
    }

    var isNull: Bool { bytes == nil }
}
