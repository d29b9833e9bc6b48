/// Where a failed attempt was when it failed: what its error means for the data.
enum RetryPhase: Hashable {
    /// A single statement run as its own implicit transaction (``ConnectionPool/query(_:_:idempotent:retry:timeout:)``).
    /// `idempotent`: running it twice is safe, so an unknown outcome may be retried.
    case statement(idempotent: Bool)
    /// `BEGIN` or the body of a transaction: nothing is committed yet.
    case transaction
    /// `COMMIT`, or CockroachDB's `RELEASE SAVEPOINT cockroach_restart`, is in flight: its
    /// outcome may be unknown.
    case commit(statement: String)

    /// What the retry log line calls it.
    var noun: String {
        switch self {
        case .statement: "statement"
        case .transaction, .commit: "transaction"
        }
    }
}

/// What to do after a failed attempt: the one rule for `transaction`, `query` and their
/// blocking forms (``decide(after:attempt:dialect:phase:policy:jitter:funded:)``).
enum RetryDecision: Hashable {
    /// Run again after `delay`, once the attempt is undone as `step` says.
    case retry(after: Duration, step: RetryStep)
    /// Throw the error as it is.
    case giveUp
    /// A write may or may not have been applied: throw ``AthanorError/ambiguousCommit(underlying:)``,
    /// never run it again.
    case ambiguous(AmbiguousCause)
}

/// How a retried attempt is undone before the next one.
enum RetryStep: Hashable {
    /// A single statement: its implicit transaction ended with it; the next attempt leases a
    /// connection again.
    case runAgain
    /// CockroachDB, retried at once: `ROLLBACK TO SAVEPOINT cockroach_restart` keeps the
    /// transaction's place in line; the body runs again on the same connection, without `BEGIN`.
    case rollbackToSavepoint
    /// `ROLLBACK` releases every lock before the sleep; `BEGIN` again on the same connection.
    case rollbackAndBegin
    /// The connection is gone: the next attempt runs on a new lease (the broken connection is
    /// discarded when it is given back).
    case reconnect
}

extension RetryDecision {
    /// The retry rule, a pure function of the failed attempt:
    ///
    /// - 40001 (serialization failure) and 40P01 (deadlock) are retried, in every phase (a
    ///   single statement's even when its connection broke after it), until `policy.maxAttempts`
    ///   attempts were made.
    /// - A lost connection is retried on a new one, unless a write's outcome is unknown: a
    ///   COMMIT or RELEASE in flight (`writeInFlight`), or a single statement in flight that is
    ///   not `idempotent`, is ambiguous (never retried, whatever the attempt).
    /// - A timeout is never retried (its bound is the caller's); a COMMIT or RELEASE given up on,
    ///   or a non-idempotent single statement given up on, is ambiguous.
    /// - 40003 (statement completion unknown) at COMMIT or RELEASE is ambiguous.
    /// - Every other error, and every error of the caller's own code, is given up on.
    ///
    /// The delay is the policy's jittered backoff for this retry (`jitter` in [0, 1)), or its cap
    /// when the pool's retry budget is spent (`funded` false), so that a hot row slows everyone
    /// down instead of storming. A transaction retried at once on CockroachDB keeps its place
    /// with a savepoint; one that sleeps first releases its locks with a full ROLLBACK.
    static func decide(
        after error: any Error, attempt: Int, dialect: SQLDialect, phase: RetryPhase, policy: RetryPolicy,
        jitter: Double, funded: Bool
    ) -> RetryDecision {
        guard let error = error as? AthanorError else { return .giveUp }
        // A single statement that failed with a conflict did not apply, whatever the connection did after.
        let conflictFirst = if case .statement = phase { error.isRetryableConflict } else { false }
        if !conflictFirst, let cause = ambiguity(of: error, phase: phase) { return .ambiguous(cause) }
        guard attempt < policy.maxAttempts, let step = step(after: error, dialect: dialect, phase: phase) else {
            return .giveUp
        }
        let delay = policy.delay(beforeRetry: funded ? attempt : 64, random: jitter)
        if step == .rollbackAndBegin, delay == .zero, dialect == .cockroachdb {
            return .retry(after: delay, step: .rollbackToSavepoint)
        }
        return .retry(after: delay, step: step)
    }

    /// The cause, when the error leaves a write's outcome unknown.
    private static func ambiguity(of error: AthanorError, phase: RetryPhase) -> AmbiguousCause? {
        let statement: String
        switch phase {
        case .statement(let idempotent):
            guard !idempotent else { return nil }
            statement = "statement"
        case .commit(let name):
            statement = name
            if case .server(let server) = error, server.sqlState == .statementCompletionUnknown {
                return AmbiguousCause(statement: statement, server: server)
            }
        case .transaction:
            return nil
        }
        switch error {
        case .connectionLost(let failure) where failure.writeInFlight:
            return AmbiguousCause(statement: statement, connection: failure)
        case .timedOut(let failure) where failure.writeInFlight:
            return AmbiguousCause(statement: statement, timeout: failure)
        default:
            return nil
        }
    }

    /// How a retryable error is undone; nil when it is not retryable.
    private static func step(after error: AthanorError, dialect: SQLDialect, phase: RetryPhase) -> RetryStep? {
        let lost = if case .connectionLost = error { true } else { false }
        guard error.isRetryableConflict || lost else { return nil }
        switch phase {
        case .statement: return lost ? .reconnect : .runAgain
        case .transaction, .commit: return lost ? .reconnect : .rollbackAndBegin
        }
    }
}

extension AthanorError {
    /// 40001 or 40P01 before the commit's outcome was in doubt: safe to run again.
    var isRetryableConflict: Bool { isSerializationFailure || isDeadlock }
}
