/// The hand-off between a connection's thread, which reads a streamed statement's rows, and
/// the code that iterates them (a task for ``RowStream``, a thread for ``BlockingRowSequence``):
/// at most `capacity` rows wait in between. The connection's thread sleeps while the buffer is
/// full (its own thread, never the cooperative pool); the iterating side waits while it is empty.
final class RowChannel<Element: Sendable>: @unchecked Sendable {
    private let lock = ConditionLock()
    private let capacity: Int
    private var buffer: [Element] = []
    private var head = 0
    private var outcome: Result<Void, any Error>?
    private var waiting: CheckedContinuation<Element?, any Error>?
    private var stopped = false
    /// How many rows were handed over (guarded by `lock`).
    private var handed = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        buffer.reserveCapacity(self.capacity)
    }

    // MARK: The producer, on the connection's thread

    /// Hands `element` over, sleeping while `capacity` rows wait; false when the iterating side
    /// stopped (the producer should stop reading).
    func send(_ element: Element) -> Bool {
        lock.withLock {
            while buffer.count - head >= capacity && !stopped && waiting == nil { lock.wait() }
            guard !stopped else { return false }
            handed += 1
            if let waiting {
                self.waiting = nil
                waiting.resume(returning: element)
            } else {
                buffer.append(element)
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
            if let waiting, buffer.count == head {
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

    /// The next row, nil at the end; waits (suspended) while none is there.
    func next() async throws -> Element? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Element?, any Error>) in
                lock.withLock {
                    if let element = take() {
                        continuation.resume(returning: element)
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

    /// The next row, nil at the end; blocks the calling thread while none is there.
    func nextBlocking() throws -> Element? {
        try lock.withLock {
            while true {
                if let element = take() { return element }
                if let outcome { try outcome.get(); return nil }
                lock.wait()
            }
        }
    }

    /// The oldest waiting row, waking a producer that waits for room (the lock held).
    private func take() -> Element? {
        guard head < buffer.count else { return nil }
        let element = buffer[head]
        head += 1
        if head == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            head = 0
        }
        lock.broadcast()
        return element
    }
}
