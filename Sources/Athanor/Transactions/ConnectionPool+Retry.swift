extension ConnectionPool {
    /// How a transaction's attempt ended.
    enum AttemptOutcome<T> {
        case committed(T)
        /// Retry on a new lease (the connection broke, or could not be rolled back).
        case reconnect
    }

    /// What a transaction does after a failed attempt that is retried.
    struct NextAttempt {
        /// The backoff to sleep first.
        var delay: Duration
        /// Run again on the same connection (it was rolled back); false: on a new lease.
        var sameConnection: Bool
        /// Open the transaction again first (false after a rollback to CockroachDB's savepoint).
        var needsBegin: Bool
    }

    /// After a failed attempt of `transaction` or `transactionBlocking` on `connection`: asks the
    /// retrier (``RetryDecision``), undoes the attempt as decided (before any sleep, so that its
    /// locks are released), and returns the next attempt; or rolls back and throws what to give
    /// up with, the attempt's own error or an ambiguous commit.
    func afterFailedAttempt(
        _ error: any Error, attempt: inout Int, on connection: Connection, proto: TransactionProtocol, policy: RetryPolicy
    ) throws -> NextAttempt {
        let (failure, phase): (any Error, RetryPhase) = if let commit = error as? CommitFailure {
            (commit.error, .commit(statement: commit.statement))
        } else {
            (error, .transaction)
        }
        switch retrier.decide(after: failure, attempt: attempt, dialect: proto.dialect, phase: phase, policy: policy) {
        case .giveUp:
            _ = proto.rollback(connection, keepPlace: false)
            throw failure
        case .ambiguous(let cause):
            _ = proto.rollback(connection, keepPlace: false)
            throw AthanorError.ambiguousCommit(underlying: cause)
        case .retry(let delay, let step):
            attempt += 1
            switch step {
            case .rollbackToSavepoint:
                let rolledBack = proto.rollback(connection, keepPlace: true)
                return NextAttempt(delay: delay, sameConnection: rolledBack, needsBegin: false)
            case .rollbackAndBegin, .runAgain:
                let rolledBack = proto.rollback(connection, keepPlace: false)
                return NextAttempt(delay: delay, sameConnection: rolledBack, needsBegin: true)
            case .reconnect:
                // The connection is discarded when it is given back; closing it ends the transaction.
                return NextAttempt(delay: delay, sameConnection: false, needsBegin: true)
            }
        }
    }
}
