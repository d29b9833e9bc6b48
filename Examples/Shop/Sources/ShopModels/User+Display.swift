import Athanor

// Hand-written code lives next to the generated models: extend them as you like.
extension User {
    /// `Ada <ada@example.com>`.
    public var display: String { "\(name) <\(email)>" }
}
