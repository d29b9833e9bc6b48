import Synchronization

/// The pool's retry component: it decides after each failed attempt (with
/// ``RetryDecision/decide(after:attempt:dialect:phase:policy:jitter:funded:)``), keeps the
/// retry budget, counts the retries and logs them, the same for `transaction`, `query` and
/// their blocking forms.
final class Retrier: Sendable {
    private let budget = Mutex(RetryBudget())
    private let retryCount = Atomic<Int>(0)
    private let logger: RuntimeLogger

    init(logger: RuntimeLogger) {
        self.logger = logger
    }

    /// Attempts retried so far.
    var retries: Int { retryCount.load(ordering: .relaxed) }

    /// The decision after attempt number `attempt` failed with `error`; a retry spends a token
    /// of the budget (when one is left), is counted and is logged at debug level.
    func decide(
        after error: any Error, attempt: Int, dialect: SQLDialect, phase: RetryPhase, policy: RetryPolicy
    ) -> RetryDecision {
        let jitter = Double.random(in: 0..<1)
        let decision = budget.withLock { budget in
            let decision = RetryDecision.decide(
                after: error, attempt: attempt, dialect: dialect, phase: phase, policy: policy,
                jitter: jitter, funded: budget.tokens >= 1)
            if case .retry = decision { _ = budget.spend() }
            return decision
        }
        if case .retry(let delay, _) = decision {
            retryCount.add(1, ordering: .relaxed)
            logger.log(.debug, "retrying \(phase.noun) (attempt \(attempt + 1)) after \(error) in \(delay)", error: error)
        }
        return decision
    }

    /// An attempt succeeded: the budget earns back a fraction of a token.
    func succeeded() {
        budget.withLock { $0.earn() }
    }
}

/// A token bucket shared by a pool's calls, so a hot row cannot become a retry storm: each
/// retry spends a token, each success earns back a fraction of one.
struct RetryBudget {
    var tokens: Double
    let capacity: Double
    let refillPerSuccess: Double

    init(capacity: Double = 100, refillPerSuccess: Double = 0.1) {
        self.tokens = capacity
        self.capacity = capacity
        self.refillPerSuccess = refillPerSuccess
    }

    mutating func spend() -> Bool {
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    mutating func earn() { tokens = min(capacity, tokens + refillPerSuccess) }
}
