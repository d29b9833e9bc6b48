/// Monotonic time in nanoseconds (`CLOCK_MONOTONIC`): the one clock of the runtime's deadlines
/// (the pool's timers, the connect and query bounds, the canceller).
///
/// Not `ContinuousClock`, for two measured reasons. On Linux `ContinuousClock` reads
/// `CLOCK_BOOTTIME`, while the condition variables the runtime's threads sleep on
/// (``ConditionLock/wait(untilNanoseconds:)``) take `CLOCK_MONOTONIC` deadlines only (glibc
/// accepts no other clock for `pthread_condattr_setclock` besides the wall clock), so every timed
/// wait would need a conversion. And the state machine's integer clock would pay for turning an
/// `Instant` into nanoseconds: 113 ns a read against 60 ns here (release build, 2 cores, medians
/// of 15 rounds of a million reads; `ContinuousClock.now` alone, compared as an `Instant`: 77 ns).
func monotonicNanoseconds() -> UInt64 {
    Platform.monotonicNanoseconds()
}

/// Sleeps the calling thread (blocking code only: the backoff of `transactionBlocking` and
/// `queryBlocking`).
func sleepBlocking(_ duration: Duration) {
    let nanoseconds = duration.nanoseconds
    guard nanoseconds > 0 else { return }
    Platform.sleep(nanoseconds: nanoseconds)
}

extension Duration {
    /// Whole nanoseconds; 0 for a negative duration.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }
}
