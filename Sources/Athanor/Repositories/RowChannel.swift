/// The hand-off between a connection's thread, which reads a streamed statement's rows, and
/// the code that iterates them (a task for ``RowStream``, a thread for ``BlockingRowSequence``).
/// Rows travel in batches (``batchSize(forCapacity:)``): one lock, and at most one wake-up of the
/// iterating side, per batch rather than per row. At most `capacity` rows wait in the channel
/// (a batch larger than the room waits until the channel is empty); the iterating side takes
/// all the waiting rows at once. The connection's thread sleeps while there is no room (its own
/// thread, never the cooperative pool); the iterating side waits while the channel is empty.
final class RowChannel<Element: Sendable>: @unchecked Sendable {
    private let lock = ConditionLock()
    private let capacity: Int
    private var buffer: [Element] = []
    private var outcome: Result<Void, any Error>?
    private var waiting: CheckedContinuation<[Element]?, any Error>?
    private var stopped = false
    /// How many rows were handed over (guarded by `lock`).
    private var handed = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The rows a producer gathers before it hands them over: a quarter of the channel's
    /// capacity, at most 64 (enough to make the per-batch costs small per row, few enough that
    /// a slow consumer sees rows early).
    static func batchSize(forCapacity capacity: Int) -> Int { min(64, max(1, capacity / 4)) }

    /// The number of rows a producer of this channel gathers (``batchSize(forCapacity:)``).
    var batchSize: Int { Self.batchSize(forCapacity: capacity) }

    // MARK: The producer, on the connection's thread

    /// Hands `batch` over, sleeping while it does not fit (unless the channel is empty); false
    /// when the iterating side stopped (the producer should stop reading).
    func send(_ batch: [Element]) -> Bool {
        guard !batch.isEmpty else { return lock.withLock { !stopped } }
        return lock.withLock {
            while !buffer.isEmpty && buffer.count + batch.count > capacity && !stopped && waiting == nil { lock.wait() }
            guard !stopped else { return false }
            handed += batch.count
            if let waiting {
                self.waiting = nil
                waiting.resume(returning: batch)
            } else {
                buffer.append(contentsOf: batch)
                lock.broadcast()
            }
            return true
        }
    }

    /// How many rows were handed over so far.
    var handedOver: Int { lock.withLock { handed } }

    /// Ends the stream: after the waiting rows, the iterating side gets nil or `error`.
    func finish(_ result: Result<Void, any Error>) {
        lock.withLock {
            guard outcome == nil else { return }
            outcome = result
            if let waiting, buffer.isEmpty {
                self.waiting = nil
                waiting.resume(with: result.map { nil })
            }
            lock.broadcast()
        }
    }

    // MARK: The iterating side

    /// Stops the stream: the producer's next `send` returns false.
    func stop() {
        lock.withLock {
            stopped = true
            if let waiting {
                self.waiting = nil
                waiting.resume(throwing: CancellationError())
            }
            lock.broadcast()
        }
    }

    /// Every waiting row (at least one), nil at the end; waits (suspended) while none is there.
    func next() async throws -> [Element]? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[Element]?, any Error>) in
                lock.withLock {
                    if let rows = takeAll() {
                        continuation.resume(returning: rows)
                    } else if let outcome {
                        continuation.resume(with: outcome.map { nil })
                    } else if stopped {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        waiting = continuation
                    }
                }
            }
        } onCancel: {
            stop()
        }
    }

    /// Every waiting row (at least one), nil at the end; blocks the calling thread while none is there.
    func nextBlocking() throws -> [Element]? {
        try lock.withLock {
            while true {
                if let rows = takeAll() { return rows }
                if let outcome { try outcome.get(); return nil }
                lock.wait()
            }
        }
    }

    /// The waiting rows, waking a producer that waits for room (the lock held); nil when none waits.
    private func takeAll() -> [Element]? {
        guard !buffer.isEmpty else { return nil }
        var rows: [Element] = []
        swap(&rows, &buffer)
        lock.broadcast()
        return rows
    }
}

/// The rows an iterator took from a ``RowChannel`` and has not handed out yet.
struct RowBatch<Element> {
    private var rows: [Element] = []
    private var position = 0

    /// The next row of the batch, nil when it is used up.
    mutating func next() -> Element? {
        guard position < rows.count else { return nil }
        defer { position += 1 }
        return rows[position]
    }

    /// Starts on `rows`.
    mutating func refill(_ rows: [Element]) {
        self.rows = rows
        position = 0
    }
}
