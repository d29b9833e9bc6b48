/// The match key of an upsert, checked on the client before any round trip: NULLs never
/// conflict, so an upsert whose value has NULL in a column of its key would always insert a new
/// row (or, for a database-assigned `id`, fail on the server with `not_null_violation`).
extension TableDescription {
    /// Throws ``AthanorError/misuse(_:)`` when a value of `models` has NULL in a column of `key`.
    func checkMatchKeys(_ models: [Model], _ key: MatchKeyDescription) throws(AthanorError) {
        for (offset, model) in models.enumerated() {
            try checkMatchKey(key, encodeRow(model), which: models.count == 1 ? "the value" : "value \(offset) of \(models.count)")
        }
    }

    /// Throws ``AthanorError/misuse(_:)`` when `row` (a value's `encodeRow`) has NULL in a column
    /// of `key`; `which` names the value in the message.
    func checkMatchKey(_ key: MatchKeyDescription, _ row: [any PostgresEncodable], which: @autoclosure () -> String) throws(AthanorError) {
        guard let missing = key.positions.indices.first(where: { key.positions[$0] < row.count && row[key.positions[$0]].isNull })
        else { return }
        let advice = key.isPrimaryKey
            ? "it has no id yet (use create, or upsert on a unique key)"
            : "NULL never matches a unique key, so it would always insert a new row"
        throw .misuse(
            "upsert of \(modelName) matching (\(key.columns.joined(separator: ", "))): \(which()) has no \(key.columns[missing]); \(advice)")
    }
}
