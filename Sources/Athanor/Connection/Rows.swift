/// The rows of one result, decodable by column name or index.
///
/// ```swift
/// for row in try await conn.query("SELECT id, email FROM users") {
///     let id = try row.decode(UUID.self, column: "id")
///     let email = try row.decode(String.self, at: 1)
/// }
/// let users = try rows.decode(User.self)   // Decodable, by column name
/// ```
public struct Rows: RandomAccessCollection, Sendable {
    let results: ResultSet

    init(_ result: PGResult) { results = ResultSet(result) }

    /// 0.
    public var startIndex: Int { 0 }
    /// The number of rows.
    public var endIndex: Int { results.result.rowCount }
    /// The row at `position`, from 0; it shares the result (nothing is copied).
    public subscript(position: Int) -> Row { Row(results: results, index: position) }

    /// The column names, in order.
    public var columnNames: [String] { results.names }

    /// How many rows the statement affected (INSERT, UPDATE, DELETE, ...), or returned.
    public var affectedRows: Int { results.result.affectedRows }

    /// Decodes every row into a `Decodable` type, matching coding keys to column names
    /// (exactly, or in snake_case: `createdAt` reads `created_at`).
    public func decode<T: Decodable>(_ type: T.Type) throws -> [T] {
        try map { try $0.decode(type) }
    }
}

/// The result and its column index, shared by its rows.
final class ResultSet: Sendable {
    let result: PGResult
    let names: [String]
    /// Column positions by name, for wide results only: up to `linearScanLimit` columns a
    /// scan of `names` is cheaper than hashing, and building a dictionary for every result
    /// (one per single-row statement) showed in the profile of the benchmarks' W5.
    let indexByName: [String: Int]?

    static let linearScanLimit = 16

    init(_ result: PGResult) {
        self.result = result
        let names = (0..<result.columnCount).map(result.columnName)
        self.names = names
        guard names.count > Self.linearScanLimit else {
            indexByName = nil
            return
        }
        var index: [String: Int] = Dictionary(minimumCapacity: names.count)
        for (offset, name) in names.enumerated() where index[name] == nil { index[name] = offset }
        self.indexByName = index
    }

    /// The position of the first column called `name`.
    func index(of name: String) -> Int? {
        if let indexByName { return indexByName[name] }
        return names.firstIndex(of: name)
    }
}

/// One row of a result.
public struct Row: Sendable {
    let results: ResultSet
    let index: Int

    /// The number of columns.
    public var count: Int { results.names.count }

    /// The index of a column, or nil.
    public func columnIndex(_ name: String) -> Int? { results.index(of: name) }

    /// True when the value is NULL.
    public func isNull(at column: Int) -> Bool { results.result.isNull(row: index, column: column) }

    /// Decodes the value at a column index.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws(AthanorError) -> T {
        guard column >= 0, column < count else {
            throw .decoding(DecodingFailure(column: String(column), swiftType: "\(T.self)", oid: 0, reason: "no such column"))
        }
        let kind = results.result.columnType(column)
        do {
            if results.result.isNull(row: index, column: column) { return try T.decodeNull() }
            return try T(postgresBytes: results.result.bytes(row: index, column: column), type: kind)
        } catch {
            throw .decoding(DecodingFailure(column: results.names[column], swiftType: "\(T.self)", oid: kind.rawValue, reason: error.reason))
        }
    }

    /// Decodes the value of a named column.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, column name: String) throws(AthanorError) -> T {
        guard let column = results.index(of: name) else {
            throw .decoding(DecodingFailure(column: name, swiftType: "\(T.self)", oid: 0, reason: "no such column"))
        }
        return try decode(type, at: column)
    }
}
