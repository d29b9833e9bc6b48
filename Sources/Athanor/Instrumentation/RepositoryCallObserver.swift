import Synchronization

/// A repository call as an observer sees it: the method, the kind of statement it runs and its
/// table. Never a value, a filter's operands or SQL text.
public struct RepositoryCallDescription: Sendable, Hashable {
    /// The repository method: `"get"`, `"list"`, `"upsertMany"`, `"copyMany"`, ...
    public var operation: String
    /// The kind of SQL statement the method runs: `"SELECT"`, `"INSERT"`, `"UPDATE"`,
    /// `"DELETE"` or `"COPY"` (an upsert is an `INSERT ... ON CONFLICT`).
    public var statementKind: String
    /// The table's unquoted SQL name (`"users"`).
    public var table: String
    /// How the call runs: a read, a write, or statements that commit together.
    public var unit: WorkUnit

    /// A description (the runtime makes them; tests of observers may too).
    public init(operation: String, statementKind: String, table: String, unit: WorkUnit) {
        self.operation = operation
        self.statementKind = statementKind
        self.table = table
        self.unit = unit
    }

    /// The statement kind of each repository method.
    static func statementKind(of operation: String) -> String {
        switch operation {
        case "create", "createMany", "upsert", "upsertMany", "getOrCreate": "INSERT"
        case "update", "updateMany", "updateWhere": "UPDATE"
        case "delete", "deleteMany", "deleteWhere": "DELETE"
        case "copyMany": "COPY"
        default: "SELECT"
        }
    }
}

/// Told when each repository call that reaches the database starts and ends, async and blocking
/// alike (a call that needs no round trip, such as `createMany([])`, is not observed). The
/// `AthanorTracing` product installs one that starts a span per call; install your own with
/// ``RepositoryCallObservers/install(_:)``.
public protocol RepositoryCallObserver: Sendable {
    /// The call starts, on the caller's task or thread (a tracer reads the caller's context
    /// here); returns what is told when it ends.
    func callStarted(_ call: RepositoryCallDescription) -> any RepositoryCallObservation
}

/// One observed call, told once when it ends.
public protocol RepositoryCallObservation: Sendable {
    /// The call ended, with the error it threw or nil; retries happened inside it.
    func callEnded(error: (any Error)?)
}

/// The process's repository call observer: none until one is installed.
public enum RepositoryCallObservers {
    private static let current = Mutex<(any RepositoryCallObserver)?>(nil)
    /// Whether one is installed: read on every repository call, so that a process without an
    /// observer never takes the lock that every thread would share.
    private static let isInstalled = Atomic<Bool>(false)

    /// Installs `observer` for every repository of the process (nil removes it), as swift-log's
    /// `LoggingSystem` and swift-distributed-tracing's `InstrumentationSystem` are set once for
    /// a process.
    public static func install(_ observer: (any RepositoryCallObserver)?) {
        current.withLock { current in
            current = observer
            isInstalled.store(observer != nil, ordering: .releasing)
        }
    }

    /// The installed observer.
    static var installed: (any RepositoryCallObserver)? {
        isInstalled.load(ordering: .acquiring) ? current.withLock { $0 } : nil
    }

    /// Starts observing `call` of `operation` (a method's `#function`, `"upsert(_:matching:)"`)
    /// on `table`; nil when no observer is installed or the call needs no round trip.
    static func start<T>(_ call: RepositoryCall<T>, operation: String, table: String) -> (any RepositoryCallObservation)? {
        guard let unit = call.unit, let observer = installed else { return nil }
        let name = String(operation.prefix { $0 != "(" })
        return observer.callStarted(RepositoryCallDescription(
            operation: name, statementKind: RepositoryCallDescription.statementKind(of: name), table: table, unit: unit))
    }
}

extension Repository {
    /// Runs `call` on the repository's executor, observed (see ``RepositoryCallObserver``).
    func run<T: Sendable>(_ call: RepositoryCall<T>, operation: String = #function) async throws -> T {
        guard let observation = RepositoryCallObservers.start(call, operation: operation, table: core.table.copy.table) else {
            return try await execute(call)
        }
        do {
            let value = try await execute(call)
            observation.callEnded(error: nil)
            return value
        } catch {
            observation.callEnded(error: error)
            throw error
        }
    }
}

extension BlockingRepository {
    /// Runs `call` on the repository's executor, on the calling thread, observed.
    func run<T: Sendable>(_ call: RepositoryCall<T>, operation: String = #function) throws -> T {
        guard let observation = RepositoryCallObservers.start(call, operation: operation, table: core.table.copy.table) else {
            return try database.runBlocking(call)
        }
        do {
            let value = try database.runBlocking(call)
            observation.callEnded(error: nil)
            return value
        } catch {
            observation.callEnded(error: error)
            throw error
        }
    }
}
