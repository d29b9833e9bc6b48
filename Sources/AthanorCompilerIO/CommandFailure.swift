/// The end of a command that did not succeed, with its exit status; what went wrong is
/// already printed on standard error.
///
/// Both programs share the statuses: 1 for errors in the schemas (or DDL drift), 2 for files
/// or folders that are missing, unreadable or unwritable.
public struct CommandFailure: Error, Sendable, Hashable {
    /// The process's exit status.
    public var status: Int32

    /// Creates a failure with `status`.
    public init(status: Int32) {
        self.status = status
    }

    /// A schema has an error, or `--check` found drift: status 1.
    public static let schemaErrors = CommandFailure(status: 1)
    /// A path is missing, unreadable or unwritable, or a folder holds no schema: status 2.
    public static let inputProblem = CommandFailure(status: 2)
}

/// Runs `body`, turning an ``InputError`` into `error: ...` on standard error and
/// ``CommandFailure/inputProblem``.
public func reportingInputErrors<T>(_ body: () throws(InputError) -> T) throws(CommandFailure) -> T {
    do {
        return try body()
    } catch {
        StandardError.write("\(error.location.map { "\($0): " } ?? "")error: \(error.description)\n")
        throw .inputProblem
    }
}
