/// How transactions retry serialization failures (40001) and deadlocks (40P01): capped
/// exponential backoff with full jitter, `sleep = random(0, min(cap, base * 2^attempt))`.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included (1 means no retry).
    public var maxAttempts: Int
    /// The base delay.
    public var baseDelay: Duration
    /// The largest delay.
    public var maxDelay: Duration

    /// A policy; `maxAttempts` is at least 1.
    public init(maxAttempts: Int, baseDelay: Duration, maxDelay: Duration) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// 10 attempts, 20 ms base, 1 s cap.
    public static let `default` = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(20), maxDelay: .seconds(1))

    /// One attempt, no retry.
    public static let none = RetryPolicy(maxAttempts: 1, baseDelay: .zero, maxDelay: .zero)

    /// The delay before retry number `retry` (1 for the first retry), given a random fraction in [0, 1).
    public func delay(beforeRetry retry: Int, random: Double) -> Duration {
        let base = Double(baseDelay.nanoseconds)
        let ceiling = min(Double(maxDelay.nanoseconds), base * Double(1 << UInt64(min(max(retry - 1, 0), 30))))
        return .nanoseconds(Int64(ceiling * min(max(random, 0), 1)))
    }
}
