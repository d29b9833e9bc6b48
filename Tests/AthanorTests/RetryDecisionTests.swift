@testable import Athanor
import Logging
import Synchronization
import Testing

/// The retry rule, case by case, for both dialects, without a server: what `transaction`,
/// `query` and their blocking forms do after each kind of failed attempt.
struct RetryDecisionTests {
    /// One failed attempt and what must follow.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var error: any Error & Sendable
        var phase: RetryPhase
        var attempt = 1
        var jitter = 0.5
        var funded = true
        /// The decision for PostgreSQL, and for CockroachDB when it differs.
        var postgres: RetryDecision
        var cockroach: RetryDecision?

        var testDescription: String { name }
    }

    static let policy = RetryPolicy.default  // 10 attempts, 20 ms base, 1 s cap
    static let server = "db"

    static func serverError(_ state: SQLState) -> AthanorError {
        .server(ServerError(sqlState: state, message: "injected"))
    }

    static func lost(inFlight: Bool, sqlState: SQLState? = nil) -> ConnectionFailure {
        ConnectionFailure(host: server, port: "5432", sqlState: sqlState, message: "server closed the connection", writeInFlight: inFlight)
    }

    static func timeout(inFlight: Bool) -> TimeoutFailure {
        TimeoutFailure(bound: inFlight ? .cancel : .query, seconds: 1, host: server, port: "5432",
                       sqlState: inFlight ? nil : .queryCanceled, writeInFlight: inFlight)
    }

    static let conflict = serverError(.serializationFailure)
    static let deadlock = serverError(.deadlockDetected)
    static let unknown = serverError(.statementCompletionUnknown)
    static let unique = serverError(.uniqueViolation)
    static let statement = RetryPhase.statement(idempotent: false)
    static let idempotentStatement = RetryPhase.statement(idempotent: true)
    static let commit = RetryPhase.commit(statement: "COMMIT")
    static let release = RetryPhase.commit(statement: "RELEASE SAVEPOINT cockroach_restart")
    /// Attempt 1, jitter 0.5: half of the 20 ms base.
    static let firstDelay = Duration.milliseconds(10)

    static let statementCases: [Case] = [
        Case(name: "statement: 40001 runs again", error: conflict, phase: statement,
             postgres: .retry(after: firstDelay, step: .runAgain)),
        Case(name: "statement: 40P01 runs again", error: deadlock, phase: statement,
             postgres: .retry(after: firstDelay, step: .runAgain)),
        Case(name: "statement: 40001 after the last attempt gives up", error: conflict, phase: statement, attempt: 10,
             postgres: .giveUp),
        Case(name: "statement: the third retry waits longer (4 x base)", error: conflict, phase: statement, attempt: 3,
             postgres: .retry(after: .milliseconds(40), step: .runAgain)),
        Case(name: "statement: with the budget spent, the capped delay", error: conflict, phase: statement, funded: false,
             postgres: .retry(after: .milliseconds(500), step: .runAgain)),
        Case(name: "statement: never sent, connection lost: on a new connection",
             error: AthanorError.connectionLost(lost(inFlight: false)), phase: statement,
             postgres: .retry(after: firstDelay, step: .reconnect)),
        Case(name: "statement: never sent, after the last attempt gives up",
             error: AthanorError.connectionLost(lost(inFlight: false)), phase: statement, attempt: 10, postgres: .giveUp),
        Case(name: "statement: lost in flight is ambiguous",
             error: AthanorError.connectionLost(lost(inFlight: true)), phase: statement,
             postgres: .ambiguous(AmbiguousCause(statement: "statement", connection: lost(inFlight: true)))),
        Case(name: "statement: lost in flight is ambiguous even after the last attempt",
             error: AthanorError.connectionLost(lost(inFlight: true)), phase: statement, attempt: 10,
             postgres: .ambiguous(AmbiguousCause(statement: "statement", connection: lost(inFlight: true)))),
        Case(name: "statement: lost in flight, idempotent: on a new connection",
             error: AthanorError.connectionLost(lost(inFlight: true)), phase: idempotentStatement,
             postgres: .retry(after: firstDelay, step: .reconnect)),
        Case(name: "statement: a 40001 answer, then the connection lost: not ambiguous, on a new connection",
             error: AthanorError.connectionLost(lost(inFlight: true, sqlState: .serializationFailure)), phase: statement,
             postgres: .retry(after: firstDelay, step: .reconnect)),
        Case(name: "statement: timed out and cancelled (57014) gives up",
             error: AthanorError.timedOut(timeout(inFlight: false)), phase: statement, postgres: .giveUp),
        Case(name: "statement: timed out, given up on in flight, is ambiguous",
             error: AthanorError.timedOut(timeout(inFlight: true)), phase: statement,
             postgres: .ambiguous(AmbiguousCause(statement: "statement", timeout: timeout(inFlight: true)))),
        Case(name: "statement: timed out in flight, idempotent, gives up",
             error: AthanorError.timedOut(timeout(inFlight: true)), phase: idempotentStatement, postgres: .giveUp),
        Case(name: "statement: 23505 gives up", error: unique, phase: statement, postgres: .giveUp),
        Case(name: "statement: 40003 gives up", error: unknown, phase: statement, postgres: .giveUp),
        Case(name: "statement: a pool timeout gives up",
             error: AthanorError.poolTimeout(PoolTimeoutError(timeoutSeconds: 1, size: 1, maxOverflow: 0)),
             phase: statement, postgres: .giveUp),
        Case(name: "statement: cancellation gives up", error: CancellationError(), phase: statement, postgres: .giveUp),
    ]

    static let transactionCases: [Case] = [
        Case(name: "transaction: 40001 with a delay rolls back and begins again", error: conflict, phase: .transaction,
             postgres: .retry(after: firstDelay, step: .rollbackAndBegin)),
        Case(name: "transaction: 40001 at once keeps CockroachDB's place", error: conflict, phase: .transaction, jitter: 0,
             postgres: .retry(after: .zero, step: .rollbackAndBegin),
             cockroach: .retry(after: .zero, step: .rollbackToSavepoint)),
        Case(name: "transaction: 40P01 rolls back and begins again", error: deadlock, phase: .transaction,
             postgres: .retry(after: firstDelay, step: .rollbackAndBegin)),
        Case(name: "transaction: 40001 after the last attempt gives up", error: conflict, phase: .transaction,
             attempt: 10, postgres: .giveUp),
        Case(name: "transaction: with the budget spent, the capped delay", error: conflict, phase: .transaction,
             funded: false, postgres: .retry(after: .milliseconds(500), step: .rollbackAndBegin)),
        Case(name: "transaction: lost before COMMIT, in flight or not: on a new connection",
             error: AthanorError.connectionLost(lost(inFlight: true)), phase: .transaction,
             postgres: .retry(after: firstDelay, step: .reconnect)),
        Case(name: "transaction: lost before COMMIT at once: on a new connection",
             error: AthanorError.connectionLost(lost(inFlight: false)), phase: .transaction, jitter: 0,
             postgres: .retry(after: .zero, step: .reconnect)),
        Case(name: "transaction: lost after the last attempt gives up",
             error: AthanorError.connectionLost(lost(inFlight: false)), phase: .transaction, attempt: 10, postgres: .giveUp),
        Case(name: "transaction: a timed-out statement gives up",
             error: AthanorError.timedOut(timeout(inFlight: false)), phase: .transaction, postgres: .giveUp),
        Case(name: "transaction: a statement given up on gives up (nothing committed)",
             error: AthanorError.timedOut(timeout(inFlight: true)), phase: .transaction, postgres: .giveUp),
        Case(name: "transaction: 23505 gives up", error: unique, phase: .transaction, postgres: .giveUp),
        Case(name: "transaction: the body's own error gives up", error: CancellationError(), phase: .transaction,
             postgres: .giveUp),
    ]

    static let commitCases: [Case] = [
        Case(name: "COMMIT: lost in flight is ambiguous", error: AthanorError.connectionLost(lost(inFlight: true)),
             phase: commit, postgres: .ambiguous(AmbiguousCause(statement: "COMMIT", connection: lost(inFlight: true)))),
        Case(name: "COMMIT: lost in flight after the last attempt is ambiguous",
             error: AthanorError.connectionLost(lost(inFlight: true)), phase: commit, attempt: 10,
             postgres: .ambiguous(AmbiguousCause(statement: "COMMIT", connection: lost(inFlight: true)))),
        Case(name: "RELEASE: lost in flight is ambiguous", error: AthanorError.connectionLost(lost(inFlight: true)),
             phase: release, postgres: .ambiguous(AmbiguousCause(
                 statement: "RELEASE SAVEPOINT cockroach_restart", connection: lost(inFlight: true)))),
        Case(name: "COMMIT: never sent, connection lost: on a new connection",
             error: AthanorError.connectionLost(lost(inFlight: false)), phase: commit,
             postgres: .retry(after: firstDelay, step: .reconnect)),
        Case(name: "COMMIT: given up on at the query timeout is ambiguous",
             error: AthanorError.timedOut(timeout(inFlight: true)), phase: commit,
             postgres: .ambiguous(AmbiguousCause(statement: "COMMIT", timeout: timeout(inFlight: true)))),
        Case(name: "COMMIT: a timeout before it was sent gives up",
             error: AthanorError.timedOut(timeout(inFlight: false)), phase: commit, postgres: .giveUp),
        Case(name: "COMMIT: 40003 is ambiguous", error: unknown, phase: commit,
             postgres: .ambiguous(AmbiguousCause(statement: "COMMIT", server: ServerError(
                 sqlState: .statementCompletionUnknown, message: "injected")))),
        Case(name: "RELEASE: 40001 rolls back and runs again", error: conflict, phase: release,
             postgres: .retry(after: firstDelay, step: .rollbackAndBegin)),
        Case(name: "RELEASE: 40001 at once keeps CockroachDB's place", error: conflict, phase: release, jitter: 0,
             postgres: .retry(after: .zero, step: .rollbackAndBegin),
             cockroach: .retry(after: .zero, step: .rollbackToSavepoint)),
        Case(name: "COMMIT: 23505 (a deferred constraint) gives up", error: unique, phase: commit, postgres: .giveUp),
    ]

    @Test(arguments: statementCases + transactionCases + commitCases, SQLDialect.allCases)
    func decision(_ example: Case, dialect: SQLDialect) {
        let decision = RetryDecision.decide(
            after: example.error, attempt: example.attempt, dialect: dialect, phase: example.phase, policy: Self.policy,
            jitter: example.jitter, funded: example.funded)
        let expected = dialect == .cockroachdb ? example.cockroach ?? example.postgres : example.postgres
        #expect(decision == expected)
    }

    @Test func noRetryPolicyMeansNoRetryButStillAmbiguity() {
        for phase in [Self.statement, .transaction, Self.commit] {
            #expect(RetryDecision.decide(after: Self.conflict, attempt: 1, dialect: .postgresql, phase: phase,
                                         policy: .none, jitter: 0.5, funded: true) == .giveUp)
        }
        let lost = AthanorError.connectionLost(Self.lost(inFlight: true))
        #expect(RetryDecision.decide(after: lost, attempt: 1, dialect: .postgresql, phase: Self.commit,
                                     policy: .none, jitter: 0, funded: true)
            == .ambiguous(AmbiguousCause(statement: "COMMIT", connection: Self.lost(inFlight: true))))
    }

    @Test func theRetrierSpendsTheBudgetCountsAndLogsEveryRetry() {
        let (logger, handler) = Logger.recording()
        let retrier = Retrier(logger: RuntimeLogger(logger, hosts: "db1,db2"))
        #expect(retrier.decide(after: Self.unique, attempt: 1, dialect: .postgresql, phase: .transaction, policy: Self.policy) == .giveUp)
        guard case .retry = retrier.decide(after: Self.conflict, attempt: 1, dialect: .postgresql, phase: Self.statement, policy: Self.policy)
        else { Issue.record("40001 not retried"); return }
        guard case .retry = retrier.decide(after: Self.conflict, attempt: 2, dialect: .cockroachdb, phase: .transaction, policy: Self.policy)
        else { Issue.record("40001 not retried"); return }
        #expect(retrier.retries == 2)
        let lines = handler.lines
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("debug retrying statement (attempt 2) after 40001") == true)
        #expect(lines.last?.hasPrefix("debug retrying transaction (attempt 3) after 40001") == true)
        for entry in handler.entries {
            #expect(entry.metadata[AthanorLogMetadata.sqlState] == "40001")
            #expect(entry.metadata[AthanorLogMetadata.host] == "db1,db2")
            #expect(entry.metadata[AthanorLogMetadata.pool] != nil)
        }
    }

    @Test func theRetryBudgetIsATokenBucket() {
        var budget = RetryBudget(capacity: 2, refillPerSuccess: 0.5)
        var spent: [Bool] = []
        for _ in 0..<3 { spent.append(budget.spend()) }
        budget.earn()
        budget.earn()
        for _ in 0..<2 { spent.append(budget.spend()) }
        #expect(spent == [true, true, false, true, false])
    }
}
