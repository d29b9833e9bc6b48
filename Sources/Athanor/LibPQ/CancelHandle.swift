import CLibPQ

/// Owns a `PGcancel`. `PQcancel` on it is thread-safe and blocking (a new TCP connection).
final class CancelHandle: @unchecked Sendable {
    private let pointer: OpaquePointer

    init?(connection: OpaquePointer) {
        guard let pointer = PQgetCancel(connection) else { return nil }
        self.pointer = pointer
    }

    deinit { PQfreeCancel(pointer) }

    /// Sends a CancelRequest; true when it was sent (not whether anything was running).
    @discardableResult
    func send() -> Bool {
        var buffer = [CChar](repeating: 0, count: 256)
        return PQcancel(pointer, &buffer, 256) == 1
    }
}
