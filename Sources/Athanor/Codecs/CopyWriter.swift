/// Encodes rows in PostgreSQL's binary COPY format, into a buffer that the caller drains in
/// chunks (`COPY ... FROM STDIN (FORMAT binary)`).
///
/// Layout: the header `PGCOPY\n\377\r\n\0`, flags (int32 0), header extension length (int32 0);
/// per tuple an int16 field count, then per field an int32 length (-1 for NULL) and the value's
/// binary bytes; the trailer int16 -1. Binary COPY carries no type OIDs, so each value must be in
/// its column's exact binary format: integers and floats are converted to the column's width
/// (narrowing only when the value fits), text goes into varchar, bpchar, name and user-defined
/// types (enums), timestamptz into timestamp; anything else that differs is an encoding error.
struct CopyWriter {
    static let header: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]

    let columnTypes: [PostgresType]
    /// The element type of each user-defined array column (`mood[]`), by column type.
    let userArrayElements: [PostgresType: PostgresType]
    private(set) var writer = PostgresWriter()
    /// Rows appended so far.
    private(set) var rowCount = 0

    init(columnTypes: [PostgresType], userArrayElements: [PostgresType: PostgresType] = [:]) {
        self.columnTypes = columnTypes
        self.userArrayElements = userArrayElements
        writer.write(Self.header)
    }

    var bufferedBytes: Int { writer.bytes.count }

    /// Empties the buffer after its bytes were sent.
    mutating func drain() { writer.removeAll(keepingCapacity: true) }

    mutating func finish() { writer.write(integer: Int16(-1)) }

    /// Appends one tuple; on error the buffer holds a partial tuple and must not be sent.
    mutating func append(_ row: [any PostgresEncodable]) throws(AthanorError) {
        guard row.count == columnTypes.count else {
            throw .encoding(EncodingFailure(
                swiftType: "row \(rowCount)",
                reason: "has \(row.count) values for \(columnTypes.count) columns"))
        }
        writer.write(integer: Int16(truncatingIfNeeded: row.count))
        for (column, value) in row.enumerated() {
            do throws(AthanorError) {
                try append(value, as: columnTypes[column])
            } catch {
                throw .encoding(EncodingFailure(
                    swiftType: "\(type(of: value))",
                    reason: "row \(rowCount), column \(column): \(Self.reason(error))"))
            }
        }
        rowCount += 1
    }

    private static func reason(_ error: AthanorError) -> String {
        if case .encoding(let failure) = error { return failure.reason }
        return "\(error)"
    }

    private mutating func append(_ value: some PostgresEncodable, as column: PostgresType) throws(AthanorError) {
        if value.isNull {
            writer.write(integer: Int32(-1))
            return
        }
        let valueType = type(of: value).postgresType
        let position = writer.reserveLength()
        try value.encode(into: &writer)
        if valueType != column && valueType != .unspecified {
            try convert(from: valueType, to: column, at: position + 4)
        }
        guard writer.bytes.count - position - 4 <= Int32.max else {
            throw .encoding(EncodingFailure(swiftType: "\(type(of: value))", reason: "larger than 2 GiB"))
        }
        writer.patchLength(at: position)
    }

    /// Rewrites the value that starts at `start` into the column's binary format.
    private mutating func convert(from source: PostgresType, to column: PostgresType, at start: Int) throws(AthanorError) {
        switch (source, column) {
        case (.int2, .int4), (.int2, .int8), (.int4, .int2), (.int4, .int8), (.int8, .int2), (.int8, .int4):
            let wide = readInteger(at: start)
            truncate(to: start)
            switch column {
            case .int2:
                guard let narrow = Int16(exactly: wide) else { throw Self.mismatch("out of range for int2") }
                writer.write(integer: narrow)
            case .int4:
                guard let narrow = Int32(exactly: wide) else { throw Self.mismatch("out of range for int4") }
                writer.write(integer: narrow)
            default:
                writer.write(integer: wide)
            }
        case (.float8, .float4):
            let value = Double(bitPattern: UInt64(bitPattern: readInteger(at: start)))
            truncate(to: start)
            writer.write(integer: Float(value).bitPattern)
        case (.float4, .float8):
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: readInteger(at: start)))
            truncate(to: start)
            writer.write(integer: Double(value).bitPattern)
        case (.text, .varchar), (.text, .bpchar), (.text, .name), (.varchar, .text),
             (.timestamptz, .timestamp), (.timestamp, .timestamptz):
            break
        case (.text, _) where column.rawValue >= 16384:
            break // a user-defined type: enums take their label's text as binary input
        case (.textArray, .varcharArray):
            patchElementType(at: start, to: .varchar)
        case (.textArray, _) where userArrayElements[column] != nil:
            patchElementType(at: start, to: userArrayElements[column] ?? .text) // `mood[]`: labels as text
        default:
            throw Self.mismatch("a \(Self.name(source)) value for a \(Self.name(column)) column")
        }
    }

    private static func mismatch(_ reason: String) -> AthanorError {
        .encoding(EncodingFailure(swiftType: "", reason: reason))
    }

    private static func name(_ type: PostgresType) -> String {
        switch type {
        case .bool: "bool"
        case .bytea: "bytea"
        case .int2: "int2"
        case .int4: "int4"
        case .int8: "int8"
        case .text: "text"
        case .float4: "float4"
        case .float8: "float8"
        case .varchar: "varchar"
        case .timestamptz: "timestamptz"
        case .numeric: "numeric"
        case .uuid: "uuid"
        case .jsonb: "jsonb"
        case .json: "json"
        case .textArray: "text[]"
        default: "OID \(type.rawValue)"
        }
    }

    /// An array's header is ndim, has-nulls, element OID: the server checks that OID.
    private mutating func patchElementType(at start: Int, to element: PostgresType) {
        writer.overwrite(integer: element.rawValue, at: start + 8)
    }

    /// The big-endian integer (2, 4 or 8 bytes) from `start` to the end of the buffer.
    private func readInteger(at start: Int) -> Int64 {
        let bytes = writer.bytes[start...]
        var value: Int64 = bytes.first.map { $0 >= 0x80 ? -1 : 0 } ?? 0
        for byte in bytes { value = value << 8 | Int64(byte) }
        return value
    }

    private mutating func truncate(to count: Int) { writer.truncate(to: count) }
}
