import Synchronization

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
@usableFromInline
final class ResultSet: Sendable {
    let result: PGResult
    let columnCount: Int
    /// The column names, made on first use: a statement read by position (generated decoders)
    /// never needs them, and making them for every result showed in W5's allocations.
    private let cachedNames: Mutex<[String]?>
    /// Column positions by name, for wide results only: up to `linearScanLimit` columns a
    /// scan of `names` is cheaper than hashing, and building a dictionary for every result
    /// (one per single-row statement) showed in the profile of the benchmarks' W5.
    let indexByName: [String: Int]?

    static let linearScanLimit = 16

    init(_ result: PGResult) {
        self.result = result
        self.columnCount = result.columnCount
        guard columnCount > Self.linearScanLimit else {
            cachedNames = Mutex(nil)
            indexByName = nil
            return
        }
        let names = (0..<columnCount).map(result.columnName)
        cachedNames = Mutex(names)
        var index: [String: Int] = Dictionary(minimumCapacity: names.count)
        for (offset, name) in names.enumerated() where index[name] == nil { index[name] = offset }
        self.indexByName = index
    }

    /// The column names, in order.
    var names: [String] {
        cachedNames.withLock { cached in
            if let cached { return cached }
            let names = (0..<columnCount).map(result.columnName)
            cached = names
            return names
        }
    }

    /// The position of the first column called `name`.
    func index(of name: String) -> Int? {
        if let indexByName { return indexByName[name] }
        return names.firstIndex(of: name)
    }
}

/// One row of a result.
public struct Row: Sendable {
    @usableFromInline let results: ResultSet
    @usableFromInline let index: Int

    init(results: ResultSet, index: Int) {
        self.results = results
        self.index = index
    }

    /// The number of columns.
    public var count: Int { results.columnCount }

    /// The index of a column, or nil.
    public func columnIndex(_ name: String) -> Int? { results.index(of: name) }

    /// True when the value is NULL.
    public func isNull(at column: Int) -> Bool { results.result.isNull(row: index, column: column) }

    /// Decodes the value at a column index.
    ///
    /// Inlinable, so that a caller in another module (generated decoders) gets a copy
    /// specialised for `T`: no generic metadata lookups per value. The non-generic work
    /// (reading the cell, building errors) stays out of line.
    @inlinable
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws(AthanorError) -> T {
        guard let cell = cell(at: column) else { throw Row.noSuchColumn(String(column), T.self) }
        do {
            guard let bytes = cell.bytes else { return try T.decodeNull() }
            return try T(postgresBytes: bytes, type: cell.type)
        } catch {
            throw failure(at: column, T.self, type: cell.type, error)
        }
    }

    /// Decodes the value at a column index as the property `member` reads from `written` (the
    /// value a write sent, for the row it returned), keeping that property's storage when the
    /// value is exactly it (see ``PostgresDecodable/init(postgresBytes:type:reusing:)``): a bulk
    /// write's returned rows then share their strings with the values written. Without
    /// `written`, ``decode(_:at:)``. `member` (`{ $0.email }`) fixes `T`, optional or not, as
    /// the property declares it.
    @inlinable
    public func decode<Model, T: PostgresDecodable>(
        at column: Int, reusing written: Model?, _ member: (Model) -> T
    ) throws(AthanorError) -> T {
        guard let written else { return try decode(T.self, at: column) }
        guard let cell = cell(at: column) else { throw Row.noSuchColumn(String(column), T.self) }
        do {
            guard let bytes = cell.bytes else { return try T.decodeNull() }
            return try T(postgresBytes: bytes, type: cell.type, reusing: member(written))
        } catch {
            throw failure(at: column, T.self, type: cell.type, error)
        }
    }

    /// One value of the row: its bytes (nil for NULL) and the column's type.
    @usableFromInline
    struct Cell {
        @usableFromInline let bytes: UnsafeRawBufferPointer?
        @usableFromInline let type: PostgresType
    }

    /// The value at `column`, nil when there is no such column. The bytes stay valid while the
    /// result lives (the row holds it).
    @usableFromInline
    func cell(at column: Int) -> Cell? {
        guard column >= 0, column < count else { return nil }
        let result = results.result
        let type = result.columnType(column)
        if result.isNull(row: index, column: column) { return Cell(bytes: nil, type: type) }
        return Cell(bytes: result.bytes(row: index, column: column), type: type)
    }

    @usableFromInline
    static func noSuchColumn(_ column: String, _ type: Any.Type) -> AthanorError {
        .decoding(DecodingFailure(column: column, swiftType: "\(type)", oid: 0, reason: "no such column"))
    }

    @usableFromInline
    func failure(at column: Int, _ swiftType: Any.Type, type: PostgresType, _ error: CodecError) -> AthanorError {
        .decoding(DecodingFailure(column: results.result.columnName(column), swiftType: "\(swiftType)", oid: type.rawValue, reason: error.reason))
    }

    /// Decodes the value of a named column.
    @inlinable
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, column name: String) throws(AthanorError) -> T {
        guard let column = columnIndex(name) else { throw Row.noSuchColumn(name, T.self) }
        return try decode(type, at: column)
    }
}
