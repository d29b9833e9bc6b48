/// Thrown by a generated repository's `get(_:)` and `update(_:)` when no row has the key.
///
/// ```swift
/// do {
///     let user = try await users.get(id)
/// } catch let error as RecordNotFound {
///     print(error)   // no User with id 6F9619FF-8B86-D011-B42D-00CF4FC964FF
/// }
/// ```
public struct RecordNotFound: Error, Sendable, Hashable, CustomStringConvertible {
    /// The model's name (`User`).
    public var model: String
    /// The key that was looked up, as text.
    public var key: String

    /// Creates the error.
    public init(model: String, key: String) {
        self.model = model
        self.key = key
    }

    /// `no User with id 6F9619FF-...`: the model and the key.
    public var description: String { "no \(model) with id \(key)" }
}
