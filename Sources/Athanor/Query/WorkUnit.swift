/// How a ``DatabaseExecutor`` runs a unit of synchronous work on one of its connections
/// (``DatabaseExecutor/inUnit(_:_:)``): what may run again when it fails, and what must commit
/// together.
///
/// ```swift
/// let count = try await pool.inUnit(.read) { connection throws(AthanorError) in
///     try connection.query("SELECT count(*) FROM users")[0].decode(Int.self, at: 0)
/// }
/// ```
public enum WorkUnit: Sendable, Hashable {
    /// Statements that are safe to run again (reads): on a pool, each is its own implicit
    /// transaction, and the unit runs again after a conflict (40001, 40P01) or a connection lost
    /// in flight.
    case read
    /// Statements that are not (writes): on a pool, each is its own implicit transaction, the unit
    /// runs again after a conflict or a connection lost before a statement was sent, and a
    /// connection lost while one was in flight is ``AthanorError/ambiguousCommit(underlying:)``.
    case write
    /// Statements that commit together: on a pool, one transaction, run again as a whole on
    /// 40001 and 40P01; in a ``Transaction``, part of it; on a bare ``Connection``, one
    /// `BEGIN ... COMMIT` without retry.
    case transaction
}
