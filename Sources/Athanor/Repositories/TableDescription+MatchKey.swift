/// The match key of an upsert, checked on the client before any round trip: NULLs never
/// conflict, so an upsert whose value has NULL in a column of its key would always insert a new
/// row (or, for a database-assigned `id`, fail on the server with `not_null_violation`); and
/// one call may match each row once.
extension TableDescription {
    /// Throws ``AthanorError/misuse(_:)`` when a value of `models` has NULL in a column of `key`
    /// (such a value can never match an existing row), or when two values have the same match
    /// key: PostgreSQL refuses to update one row twice in a statement (`21000`, "cannot affect row
    /// a second time"), and across two chunks of one call the later value would silently
    /// overwrite the earlier one and the row come back twice. The whole call is checked (every
    /// chunk), in O(n), before any round trip.
    func checkMatchKeys(_ models: [Model], _ key: MatchKeyDescription) throws(AthanorError) {
        guard models.count > 1 else {
            if let model = models.first { try checkMatchKey(key, encodeRow(model), which: "the value") }
            return
        }
        var keys = EncodedKeys(capacity: models.count)
        // By index, not `enumerated()`: unspecialised (Model is the generated code's), each step
        // of that iterator looked up tuple metadata; it took twice as long.
        for offset in models.indices {
            let row = encodeRow(models[offset])
            try checkMatchKey(key, row, which: "value \(offset) of \(models.count)")
            try keys.append(row, positions: key.positions)
        }
        let duplicate = keys.firstDuplicate { first, second in
            guard let one = encodedKey(models[first], key), let other = encodedKey(models[second], key) else { return false }
            return one == other
        }
        if let (first, second) = duplicate { throw duplicateMatchKey(key, first, second, of: models.count) }
    }

    /// The bytes of `model`'s match key `key`, as ``EncodedKeys`` hashes them; nil if a value
    /// cannot be encoded.
    func encodedKey(_ model: Model, _ key: MatchKeyDescription) -> [UInt8]? {
        var writer = PostgresWriter()
        guard (try? EncodedKeys.encode(encodeRow(model), positions: key.positions, into: &writer)) != nil else { return nil }
        return writer.bytes
    }

    /// The error of values `first` and `second` (indices in the call's array of `count`) having
    /// the same match key `key`; it names the key's columns, never the values (they may be
    /// personal data).
    func duplicateMatchKey(_ key: MatchKeyDescription, _ first: Int, _ second: Int, of count: Int) -> AthanorError {
        let keyName = key.columns.joined(separator: ", ")
        let same = key.columns.count == 1 ? keyName
            : key.columns.dropLast().joined(separator: ", ") + " and " + (key.columns.last ?? "")
        return .misuse(
            "upsertMany of \(modelName) matching (\(keyName)): values \(first) and \(second) of \(count) have the same "
                + "\(same); each row can be matched once per call: merge them first")
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
