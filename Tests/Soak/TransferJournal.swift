import Athanor
import Synchronization

/// How a transfer ended, as its caller saw it.
enum TransferOutcome: Sendable {
    /// `transaction` returned: the transfer must be in the ledger, once.
    case acknowledged
    /// It threw an error that is not an ambiguous commit: nothing may have been applied.
    case failed(kind: String)
    /// It threw `AthanorError.ambiguousCommit`: applied or not, but at most once.
    case ambiguous
}

/// Every transfer's id by outcome, the ones still running, and the counts of the current minute.
final class TransferJournal: Sendable {
    struct Books {
        var acknowledged: [Int64] = []
        var failed: [Int64] = []
        var ambiguous: [Int64] = []
        var running: Set<Int64> = []
        var minute = MinuteTally()
        /// Errors of the whole run, by kind.
        var errorKinds: [String: Int] = [:]
        /// The longest a transfer took in the whole run, retries and waits for a lease included.
        var longest: Duration = .zero
    }

    /// What one minute saw.
    struct MinuteTally {
        var acknowledged = 0
        var failed = 0
        var ambiguous = 0
        var errorKinds: [String: Int] = [:]
        var longest: Duration = .zero
    }

    private let books = Mutex(Books())

    func started(_ id: Int64) {
        books.withLock { _ = $0.running.insert(id) }
    }

    /// Records how transfer `id` ended, `took` after it started.
    func finished(_ id: Int64, _ outcome: TransferOutcome, took: Duration) {
        books.withLock { books in
            books.running.remove(id)
            books.minute.longest = max(books.minute.longest, took)
            books.longest = max(books.longest, took)
            switch outcome {
            case .acknowledged:
                books.acknowledged.append(id)
                books.minute.acknowledged += 1
            case .failed(let kind):
                books.failed.append(id)
                books.minute.failed += 1
                books.minute.errorKinds[kind, default: 0] += 1
                books.errorKinds[kind, default: 0] += 1
            case .ambiguous:
                books.ambiguous.append(id)
                books.minute.ambiguous += 1
                books.minute.errorKinds["ambiguous commit", default: 0] += 1
                books.errorKinds["ambiguous commit", default: 0] += 1
            }
        }
    }

    /// The current minute's counts, which start again from zero.
    func closeMinute() -> MinuteTally {
        books.withLock { books in
            defer { books.minute = MinuteTally() }
            return books.minute
        }
    }

    var acknowledgedCount: Int { books.withLock { $0.acknowledged.count } }
    var runningCount: Int { books.withLock { $0.running.count } }

    /// Everything, at the end.
    var snapshot: Books { books.withLock { $0 } }

    /// A short name for an error, to count errors by kind.
    static func kind(of error: any Error) -> String {
        switch error {
        case let error as AthanorError:
            switch error {
            case .server(let server): "server \(server.sqlState)"
            case .connectionFailed: "connect failed"
            case .connectionLost: "connection lost"
            case .poolTimeout: "pool timeout"
            case .poolClosed: "pool closed"
            case .timedOut(let failure): failure.bound == .query ? "query timeout" : "cancel timeout"
            // Others (and cases added later) by the first words of their description.
            default: error.description.split(separator: " ").prefix(3).joined(separator: " ")
            }
        case is CancellationError: "cancelled"
        default: "other \(type(of: error))"
        }
    }
}
