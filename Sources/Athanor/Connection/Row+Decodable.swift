import FoundationEssentials

extension Row {
    /// Decodes the row into a `Decodable` type: each coding key reads the column of the same
    /// name, or its snake_case form by the DDL's rule (`SQLNaming.snakeCase(_:)`: `createdAt`
    /// reads `created_at`, `HTTPServer` reads `http_server`). Types that are
    /// ``PostgresDecodable`` decode from binary; other `Decodable` values decode from json or
    /// jsonb columns.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: RowDecoder(row: self))
    }

    func column(for key: some CodingKey) -> Int? {
        columnIndex(key.stringValue) ?? columnIndex(SQLNaming.snakeCase(key.stringValue))
    }

    func decodeValue<T: Decodable>(_ type: T.Type, key: some CodingKey) throws -> T {
        guard let column = column(for: key) else {
            throw AthanorError.decoding(DecodingFailure(column: key.stringValue, swiftType: "\(T.self)", oid: 0, reason: "no such column"))
        }
        if let decodable = T.self as? any PostgresDecodable.Type {
            return try decodeDynamic(decodable, at: column, as: T.self)
        }
        let json = try decode(JSONB?.self, at: column)
        guard let json else {
            if let nullable = T.self as? any ExpressibleByNilLiteral.Type, let value = nullable.init(nilLiteral: ()) as? T {
                return value
            }
            throw AthanorError.decoding(DecodingFailure(column: results.names[column], swiftType: "\(T.self)", oid: 0, reason: "unexpected NULL"))
        }
        do {
            return try json.decode(T.self)
        } catch {
            let kind = results.result.columnType(column).rawValue
            throw AthanorError.decoding(DecodingFailure(column: results.names[column], swiftType: "\(T.self)", oid: kind, reason: error.reason))
        }
    }

    private func decodeDynamic<T>(_ type: any PostgresDecodable.Type, at column: Int, as: T.Type) throws -> T {
        let value = try decode(type, at: column)
        guard let typed = value as? T else {
            throw AthanorError.decoding(DecodingFailure(column: results.names[column], swiftType: "\(T.self)", oid: 0, reason: "type mismatch"))
        }
        return typed
    }
}

/// A `Decoder` over one row: a keyed container whose keys are column names.
struct RowDecoder: Decoder {
    let row: Row
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RowContainer<Key>(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw AthanorError.misuse("a row decodes as a keyed container (a struct), not an array")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw AthanorError.misuse("a row decodes as a keyed container (a struct), not a single value")
    }
}
