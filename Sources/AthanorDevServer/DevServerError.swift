/// Why a development server could not be found, started, stopped or read: a sentence for a
/// person, saying what to do where there is something to do (which package to install).
public struct DevServerError: Error, Sendable, CustomStringConvertible {
    /// The message, ready to print after `error: `.
    public let description: String

    /// An error with this message.
    public init(_ description: String) {
        self.description = description
    }
}
