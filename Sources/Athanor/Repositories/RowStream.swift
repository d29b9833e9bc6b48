import Synchronization

/// The rows of a streamed `list` (``Repository/stream(where:orderBy:limit:bufferSize:)``), as
/// they arrive: at most `bufferSize` rows wait between the connection's thread and the iterator,
/// and as many in the iterator's hand, whatever the number of rows.
///
/// ```swift
/// for try await user in users.stream(where: User.columns.loginCount > 0) { export(user) }
/// ```
/// The statement starts when iteration does (each iteration runs it again). Leaving the loop
/// early stops it: a small rest of the result is read and dropped on the connection's thread,
/// a large one cancelled (outside a transaction).
public struct RowStream<Model: Sendable>: AsyncSequence, Sendable {
    /// A row.
    public typealias Element = Model

    let bufferSize: Int
    let start: @Sendable (RowChannel<Model>) -> Void

    /// Starts the statement.
    public func makeAsyncIterator() -> Iterator {
        let channel = RowChannel<Model>(capacity: bufferSize)
        start(channel)
        return Iterator(stopper: Stopper(channel: channel))
    }

    /// Reads the rows in order.
    public struct Iterator: AsyncIteratorProtocol {
        let stopper: Stopper
        var batch = RowBatch<Model>()

        init(stopper: Stopper) { self.stopper = stopper }

        /// The next row; nil after the last one.
        public mutating func next() async throws -> Model? {
            if let row = batch.next() { return row }
            guard let rows = try await stopper.channel.next() else { return nil }
            batch.refill(rows)
            return batch.next()
        }
    }

    /// Stops the stream when the last iterator goes away.
    final class Stopper: Sendable {
        let channel: RowChannel<Model>
        init(channel: RowChannel<Model>) { self.channel = channel }
        deinit { channel.stop() }
    }
}

/// The blocking form of ``RowStream``: a `Sequence` whose rows a thread of its own reads
/// from the connection while you iterate on yours, at most `bufferSize` of them waiting in
/// memory. A failure ends the iteration and is kept in ``error``.
///
/// ```swift
/// let users = blockingUsers.stream(where: User.columns.loginCount > 0)
/// for user in users { export(user) }
/// if let error = users.error { throw error }
/// ```
public final class BlockingRowSequence<Model: Sendable>: Sequence, Sendable {
    let bufferSize: Int
    let start: @Sendable (RowChannel<Model>) -> Void
    private let failure = Mutex<(any Error)?>(nil)

    init(bufferSize: Int, start: @escaping @Sendable (RowChannel<Model>) -> Void) {
        self.bufferSize = bufferSize
        self.start = start
    }

    /// The error that ended the last iteration early, if any.
    public var error: (any Error)? { failure.withLock { $0 } }

    /// Starts the statement.
    public func makeIterator() -> Iterator {
        let channel = RowChannel<Model>(capacity: bufferSize)
        start(channel)
        return Iterator(stopper: RowStream<Model>.Stopper(channel: channel), sequence: self)
    }

    /// Reads the rows in order, blocking the calling thread while the next one is on its way.
    public struct Iterator: IteratorProtocol {
        let stopper: RowStream<Model>.Stopper
        let sequence: BlockingRowSequence
        var batch = RowBatch<Model>()

        init(stopper: RowStream<Model>.Stopper, sequence: BlockingRowSequence) {
            self.stopper = stopper
            self.sequence = sequence
        }

        /// The next row; nil after the last one or a failure (see ``BlockingRowSequence/error``).
        public mutating func next() -> Model? {
            if let row = batch.next() { return row }
            do {
                guard let rows = try stopper.channel.nextBlocking() else { return nil }
                batch.refill(rows)
                return batch.next()
            } catch {
                sequence.failure.withLock { $0 = error }
                return nil
            }
        }
    }
}
