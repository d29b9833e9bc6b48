/// One frontend message of PostgreSQL's wire protocol, as the proxy saw it go to the server.
public struct FrontendMessage: Sendable, Hashable {
    /// The type byte (`Q` simple query, `P` Parse, `B` Bind, `E` Execute, `S` Sync, `X`
    /// Terminate, ...); 0 for the untyped messages of the startup phase (SSLRequest, startup,
    /// CancelRequest).
    public var type: UInt8
    /// The SQL the message carries: a Query's text, a Parse's statement, or for a Bind the
    /// statement it binds, as an earlier Parse on the same connection defined it. Empty otherwise.
    public var sql: String
}

/// What one `read` from the client brought: its bytes, and the messages it completed (a message
/// split over several reads belongs to the chunk that completes it).
public struct ClientChunk: Sendable {
    /// The raw bytes, as they will be forwarded.
    public var bytes: [UInt8]
    /// The messages this chunk completed, in order.
    public var messages: [FrontendMessage]
    /// Which chunk of its connection this is (0 for the first).
    public var index: Int
}
