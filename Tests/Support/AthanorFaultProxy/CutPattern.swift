/// Which client chunk makes ``FaultProxy`` cut its connection.
///
/// ```swift
/// proxy.cut(when: .simpleQuery(containing: "COMMIT"))                     // after COMMIT went out
/// proxy.cut(when: .execute(ofStatementContaining: "INSERT INTO ledger"), .beforeForwarding)
/// ```
public struct CutPattern: Sendable {
    /// The predicate, called on the proxy's thread for each client chunk while armed.
    public let matches: @Sendable (ClientChunk) -> Bool

    /// A pattern from any predicate on the chunk.
    public init(_ matches: @escaping @Sendable (ClientChunk) -> Bool) {
        self.matches = matches
    }

    /// A simple-protocol Query (`Q`) whose text contains `text` (`COMMIT`, `BEGIN`, ...).
    public static func simpleQuery(containing text: String) -> CutPattern {
        CutPattern { chunk in chunk.messages.contains { $0.type == UInt8(ascii: "Q") && $0.sql.contains(text) } }
    }

    /// An extended-protocol Bind (the statement about to execute) of a statement whose SQL
    /// contains `text`, whether prepared in the same chunk or earlier on the connection.
    public static func execute(ofStatementContaining text: String) -> CutPattern {
        CutPattern { chunk in chunk.messages.contains { $0.type == UInt8(ascii: "B") && $0.sql.contains(text) } }
    }

    /// Any message of type `type` (`B` for Bind, `P` for Parse, `d` for CopyData, ...).
    public static func message(_ type: Unicode.Scalar) -> CutPattern {
        CutPattern { chunk in chunk.messages.contains { $0.type == UInt8(ascii: type) } }
    }
}

/// When a matched chunk's connection is cut.
public enum CutTiming: Sendable, Hashable {
    /// The chunk goes to the server, then both sides close: the server may act on it, and its
    /// answer never reaches the client (an outcome the client cannot know).
    case afterForwarding
    /// Both sides close and the chunk is dropped: the server never sees it.
    case beforeForwarding
}
