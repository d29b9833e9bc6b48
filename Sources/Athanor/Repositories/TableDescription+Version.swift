/// Optimistic concurrency: the errors of a stale write on a model with a `@version` column.
extension TableDescription {
    /// The conflict of writing `model` over `current`, the row as it is now.
    func versionConflict(_ model: Model, current: Model) -> AthanorError {
        .versionConflict(VersionConflict(
            model: modelName, id: String(describing: current.id), expectedVersion: version?.value(model) ?? 0,
            currentVersion: version?.value(current)))
    }

    /// The conflict of the first value of `models` whose row is not among `stored` (compared by
    /// `key`, or by `id` for an update).
    func firstStale(_ models: [Model], stored: [Model], key: MatchKeyDescription?) -> AthanorError {
        let stale: Model?
        if let key {
            let written = Set(stored.compactMap { encodedKey($0, key) })
            stale = models.first { model in encodedKey(model, key).map { !written.contains($0) } ?? true }
        } else {
            let written = Set(stored.map(\.id))
            stale = models.first { !written.contains($0.id) }
        }
        guard let stale else { return .misuse("\(modelName): fewer rows written than values, none of them stale") }
        return .versionConflict(VersionConflict(
            model: modelName, id: String(describing: stale.id), expectedVersion: version?.value(stale) ?? 0, currentVersion: nil))
    }
}
