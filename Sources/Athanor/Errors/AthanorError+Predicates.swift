extension AthanorError {
    /// The server's SQLSTATE, for server errors and for connection errors that carry one.
    public var sqlState: SQLState? {
        switch self {
        case .server(let error): error.sqlState
        case .connectionFailed(let failure), .connectionLost(let failure): failure.sqlState
        case .ambiguousCommit(let cause): cause.server?.sqlState ?? cause.connection?.sqlState
        case .timedOut(let failure): failure.sqlState
        default: nil
        }
    }

    /// The server error, when this is one.
    public var serverError: ServerError? {
        if case .server(let error) = self { return error }
        return nil
    }

    /// 40001: the transaction can be retried from the start.
    public var isSerializationFailure: Bool { sqlState == .serializationFailure && !isAmbiguousCommit }
    /// 40P01.
    public var isDeadlock: Bool { sqlState == .deadlockDetected && !isAmbiguousCommit }
    /// 23505.
    public var isUniqueViolation: Bool { sqlState == .uniqueViolation }
    /// 23503.
    public var isForeignKeyViolation: Bool { sqlState == .foreignKeyViolation }
    /// 23502.
    public var isNotNullViolation: Bool { sqlState == .notNullViolation }
    /// 23514.
    public var isCheckViolation: Bool { sqlState == .checkViolation }
    /// 57014: the statement was cancelled.
    public var isQueryCanceled: Bool { sqlState == .queryCanceled }
    /// The outcome of a commit is unknown.
    public var isAmbiguousCommit: Bool {
        if case .ambiguousCommit = self { return true }
        return false
    }
    /// The connection is gone: a broken connection, or a server error of class 08 or 57P01-57P03.
    public var isDisconnect: Bool {
        switch self {
        case .connectionLost, .connectionFailed: true
        case .server(let error): error.sqlState.isDisconnect
        default: false
        }
    }
    /// A call ran out of time (``AthanorError/timedOut(_:)``), or a write's outcome is unknown
    /// because of it (an ambiguous commit caused by a timeout).
    public var isTimeout: Bool {
        switch self {
        case .timedOut: true
        case .ambiguousCommit(let cause): cause.timeout != nil
        default: false
        }
    }
    /// The pool's timeout.
    public var isPoolTimeout: Bool {
        if case .poolTimeout = self { return true }
        return false
    }
}
