/// One call of a repository method, planned by ``RepositoryCore``: a value known without a
/// round trip, one statement and the decoding of its rows, or synchronous work over a
/// connection with the kind of unit it is. The async and the blocking repository run the same
/// plan, each at its side of the one seam (``DatabaseExecutor/inUnit(_:_:)`` and
/// ``DatabaseExecutor/inUnitBlocking(_:_:)``); a pool runs a single statement from the
/// caller's task instead (``ConnectionPool/statement(idempotent:retry:timeout:_:)``).
enum RepositoryCall<Value: Sendable>: Sendable {
    /// Known already (an empty write).
    case value(Value)
    /// Run `statement` as a unit of kind `unit` (`.read` or `.write`).
    case statement(WorkUnit, SingleStatement<Value>)
    /// Run `work` on a connection of the executor, as a unit of kind `unit`.
    case work(WorkUnit, @Sendable (Connection) throws(AthanorError) -> Value)

    /// The kind of unit the call runs as; nil when it needs no round trip.
    var unit: WorkUnit? {
        switch self {
        case .value: nil
        case .statement(let unit, _), .work(let unit, _): unit
        }
    }

    /// The same call, its result transformed where it is made (the connection's thread, or the
    /// task that decodes a single statement's rows).
    func map<T: Sendable>(_ transform: @escaping @Sendable (Value) -> T) -> RepositoryCall<T> {
        switch self {
        case .value(let value): .value(transform(value))
        case .statement(let unit, let statement): .statement(unit, statement.map(transform))
        case .work(let unit, let work): .work(unit) { connection throws(AthanorError) in transform(try work(connection)) }
        }
    }
}

extension DatabaseExecutor {
    /// Runs `call` from async code, each statement on a connection's thread (a ``Repository``
    /// on a pool runs a single statement from the calling task instead: ``Repository/execute(_:)``).
    func run<T: Sendable>(_ call: RepositoryCall<T>) async throws -> T {
        switch call {
        case .value(let value): value
        case .statement(let unit, let statement): try await inUnit(unit, statement.work)
        case .work(let unit, let work): try await inUnit(unit, work)
        }
    }

    /// Runs `call` on the calling thread.
    func runBlocking<T: Sendable>(_ call: RepositoryCall<T>) throws -> T {
        switch call {
        case .value(let value): value
        case .statement(let unit, let statement): try inUnitBlocking(unit, statement.work)
        case .work(let unit, let work): try inUnitBlocking(unit, work)
        }
    }
}

extension Repository {
    /// Runs `call`: a single statement on a pool from the calling task (the event loop), any
    /// other call on the executor.
    func execute<T: Sendable>(_ call: RepositoryCall<T>) async throws -> T {
        if case .statement(let unit, let statement) = call, unit != .transaction, let pool {
            return try await pool.statement(idempotent: unit == .read, retry: nil, timeout: nil, statement)
        }
        return try await database.run(call)
    }
}
