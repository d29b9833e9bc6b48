/// The keyed container of ``RowDecoder``: every primitive goes through the binary codecs.
struct RowContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let row: Row
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { row.results.names.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { row.column(for: key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let column = row.column(for: key) else { return true }
        return row.isNull(at: column)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try row.decodeValue(type, key: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try row.decodeValue(type, key: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try row.decodeValue(type, key: key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try row.decodeValue(type, key: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try row.decodeValue(type, key: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try row.decodeValue(type, key: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try row.decodeValue(type, key: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try row.decodeValue(type, key: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try narrow(key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try narrow(key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try narrow(key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try narrow(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try narrow(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try narrow(key) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try row.decodeValue(type, key: key) }

    private func narrow<T: FixedWidthInteger>(_ key: Key) throws -> T {
        let wide = try row.decodeValue(Int64.self, key: key)
        guard let value = T(exactly: wide) else {
            throw AthanorError.decoding(DecodingFailure(column: key.stringValue, swiftType: "\(T.self)", oid: 0, reason: "integer out of range"))
        }
        return value
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw AthanorError.misuse("nested containers are not columns; use a json column")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw AthanorError.misuse("nested containers are not columns; use an array column")
    }

    func superDecoder() throws -> any Decoder { RowDecoder(row: row) }
    func superDecoder(forKey key: Key) throws -> any Decoder { RowDecoder(row: row) }
}
