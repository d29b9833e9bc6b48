/// A problem with the command line's files (not with their contents): printed as
/// `error: message` and ending the program with exit status 2.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var description: String
    /// `path:line:column` of the problem, when it has one: printed as `path:line:column: error: ...`.
    public var location: String?

    /// Creates an input error.
    public init(description: String, location: String? = nil) {
        self.description = description
        self.location = location
    }
}
