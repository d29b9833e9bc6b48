/// A write of a stale value: the row's `@version` was no longer the value's when an `update`,
/// `updateMany`, `upsert` or `upsertMany` ran, so nothing was written (the whole call, for the
/// bulk forms). Thrown as ``AthanorError/versionConflict(_:)``; read the row again and retry.
///
/// ```swift
/// do {
///     try await documents.update(draft)
/// } catch AthanorError.versionConflict(let conflict) {
///     print(conflict)   // stale Document 6F9619FF-...: written at version 3, the row is at version 4
/// }
/// ```
public struct VersionConflict: Sendable, Hashable, CustomStringConvertible {
    /// The model's name (`Document`).
    public var model: String
    /// The row's primary key, as text (for a stale value of `updateMany` or `upsertMany`, the
    /// value's).
    public var id: String
    /// The version the value carried.
    public var expectedVersion: Int64
    /// The row's version when it was looked up, when known.
    public var currentVersion: Int64?

    /// Creates the error.
    public init(model: String, id: String, expectedVersion: Int64, currentVersion: Int64?) {
        self.model = model
        self.id = id
        self.expectedVersion = expectedVersion
        self.currentVersion = currentVersion
    }

    /// `stale Document 6F9619FF-...: written at version 3, the row is at version 4`.
    public var description: String {
        let current = currentVersion.map { ", the row is at version \($0)" } ?? ", the row has another version or is gone"
        return "stale \(model) \(id): written at version \(expectedVersion)\(current)"
    }
}
