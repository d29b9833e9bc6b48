/// The one thread that sends CancelRequests (`PQcancel` blocks for a new TCP connection, about
/// 11 ms: never inline in a cancellation handler).
enum Canceller {
    static let thread = WorkerThread(name: "athanor-canceller")

    /// Sends the cancel later, on the canceller thread, if `stillWanted` says so at that time.
    static func cancel(_ connection: Connection, call: UInt64) {
        thread.submit { connection.sendCancelIfStillRunning(call: call) }
    }
}
