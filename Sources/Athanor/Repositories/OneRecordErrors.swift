/// Thrown by a generated repository's `one(where:)` when no row matches.
///
/// ```swift
/// do {
///     let ada = try await users.one(where: User.columns.email == "ada@example.com")
/// } catch let error as NoMatchingRecord {
///     print(error)   // no User matches email = $1
/// }
/// ```
public struct NoMatchingRecord: Error, Sendable, Hashable, CustomStringConvertible {
    /// The model's name (`User`).
    public var model: String
    /// The filter, with its placeholders and without its values (`email = $1`).
    public var filter: String

    /// Creates the error.
    public init(model: String, filter: String) {
        self.model = model
        self.filter = filter
    }

    /// `no User matches email = $1`.
    public var description: String { "no \(model) matches \(filter)" }
}

/// Thrown by a generated repository's `one(where:)` when more than one row matches.
public struct MultipleMatchingRecords: Error, Sendable, Hashable, CustomStringConvertible {
    /// The model's name (`User`).
    public var model: String
    /// The filter, with its placeholders and without its values (`name = $1`).
    public var filter: String

    /// Creates the error.
    public init(model: String, filter: String) {
        self.model = model
        self.filter = filter
    }

    /// `more than one User matches name = $1`.
    public var description: String { "more than one \(model) matches \(filter)" }
}
