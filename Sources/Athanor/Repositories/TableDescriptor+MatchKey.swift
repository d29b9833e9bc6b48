/// The match-key columns of each upsert, so that an upsert whose value has NULL in one of them
/// fails on the client: NULLs never conflict, so the upsert would always insert a new row (or,
/// for a database-assigned `id`, fail on the server with `not_null_violation`).
struct UpsertKey: Sendable {
    /// The quoted names of the key's columns, as in `ON CONFLICT (...)`.
    var columns: [String]
    /// Their positions in ``BulkSource/columns`` (and so in `encodeRow`'s result).
    var positions: [Int]

    /// The key of `statement` (the columns the compiler listed in its `ON CONFLICT (...)`), or
    /// nil when it is not an upsert or names a column the source does not have.
    init?(statement: BulkStatement, source: BulkSource) {
        columns = statement.keyColumns
        var positions: [Int] = []
        for column in columns {
            guard let position = source.columns.firstIndex(of: column) else { return nil }
            positions.append(position)
        }
        guard !positions.isEmpty else { return nil }
        self.positions = positions
    }
}

extension TableDescriptor {
    /// Throws ``AthanorError/misuse(_:)`` when `statement` is an upsert and a value of `models`
    /// has NULL in a column of its match key: such a value can never match an existing row.
    func checkMatchKeys(_ models: [Model], _ statement: BulkStatement) throws(AthanorError) {
        guard let key = upsertKeys[statement.tail] else { return }
        for (offset, model) in models.enumerated() {
            try checkMatchKey(key, encodeRow(model), which: models.count == 1 ? "the value" : "value \(offset) of \(models.count)")
        }
    }

    /// Throws ``AthanorError/misuse(_:)`` when `row` (a value's `encodeRow`) has NULL in a column
    /// of `key`; `which` names the value in the message.
    func checkMatchKey(_ key: UpsertKey, _ row: [any PostgresEncodable], which: @autoclosure () -> String) throws(AthanorError) {
        guard let missing = key.positions.first(where: { $0 < row.count && row[$0].isNull }) else { return }
        let column = source.columns[missing]
        let keyName = key.columns.joined(separator: ", ")
        let advice = column == primaryKey
            ? "it has no id yet (use create, or upsert on a unique key)"
            : "NULL never matches a unique key, so it would always insert a new row"
        throw .misuse("upsert of \(modelName) matching (\(keyName)): \(which()) has no \(column); \(advice)")
    }
}
