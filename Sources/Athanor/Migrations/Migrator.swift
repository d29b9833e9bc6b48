/// Applies migrations to a database, each once, in id order, recording each in the history table.
///
/// ```swift
/// let migrator = Migrator(migrations: AthanorSchema.migrations)
/// let report = try await migrator.apply(on: pool)       // what `AthanorSchema.migrate(on:)` does
/// let status = try await migrator.status(on: pool)      // applied and pending, without applying
/// ```
///
/// Under the lock (see ``MigrationOptions/Lock``) it reads the history, checks it against the
/// migrations (``MigrationError``: a checksum change, a database ahead of the code, a gap; then
/// nothing is applied), and applies what is pending in the server's ``MigrationOptions/Mode``.
/// The work runs on one leased connection's own thread (the lock is that session's), written
/// once; ``apply(on:)-(ConnectionPool)`` and ``applyBlocking(on:)`` are the two ways in.
public struct Migrator: Sendable {
    /// The code's migrations (any order; applied in id order).
    public let migrations: [Migration]
    /// How to apply them.
    public let options: MigrationOptions

    /// Creates a migrator.
    public init(migrations: [Migration], options: MigrationOptions = MigrationOptions()) {
        self.migrations = migrations
        self.options = options
    }

    /// Applies every pending migration; throws ``MigrationError``.
    public func apply(on pool: ConnectionPool) async throws -> MigrationReport {
        try await pool.withConnection { connection in
            try await connection.perform(cancellable: false) { connection throws(AthanorError) in self.applying(on: connection) }
        }.get()
    }

    /// Applies every pending migration through a connection the caller holds (a test's
    /// database, a tool's session); throws ``MigrationError``.
    public func apply(on connection: Connection) async throws -> MigrationReport {
        try await connection.perform(cancellable: false) { connection throws(AthanorError) in self.applying(on: connection) }.get()
    }

    /// Blocking form of ``apply(on:)-(ConnectionPool)``, on the calling thread (never from async code).
    public func applyBlocking(on pool: ConnectionPool) throws -> MigrationReport {
        try pool.withConnectionBlocking { connection in applying(on: connection) }.get()
    }

    /// The history and the pending migrations, without applying anything or taking the lock.
    public func status(on pool: ConnectionPool) async throws -> MigrationStatus {
        try await pool.withConnection { connection in
            try await connection.perform { connection throws(AthanorError) in try self.reading(on: connection) }
        }
    }

    // MARK: The one implementation, on the connection's thread

    func reading(on connection: Connection) throws(AthanorError) -> MigrationStatus {
        let history = MigrationHistory(table: options.historyTable)
        let applied = try history.exists(connection) ? try history.read(connection) : []
        let complete = Set(applied.filter(\.isComplete).map(\.id))
        let pending = migrations.map(\.id).filter { !complete.contains($0) }.sorted()
        var problem: MigrationError?
        do {
            _ = try MigrationPlan.make(known: migrations, applied: applied, dialect: connection.serverDialect)
        } catch {
            problem = error
        }
        return MigrationStatus(applied: applied, pending: pending, problem: problem)
    }

    func applying(on connection: Connection) -> Result<MigrationReport, MigrationError> {
        let dialect = connection.serverDialect
        let lock = MigrationLock(kind: options.lock(for: dialect), options: options)
        let history = MigrationHistory(table: options.historyTable)
        do throws(MigrationError) {
            try lock.acquire(connection)
            defer { lock.release(connection) }
            let applied: [AppliedMigration]
            do {
                try connection.executeScript(history.createStatement)
                applied = try history.read(connection)
            } catch {
                throw .database(error)
            }
            let plan = try MigrationPlan.make(known: migrations, applied: applied, dialect: dialect)
            var report = MigrationReport(applied: [], dialect: dialect)
            for step in plan.steps {
                let started = monotonicNanoseconds()
                let count = switch options.mode(for: dialect) {
                case .transactional: try applyTransactionally(step, dialect: dialect, history: history, started: started, on: connection)
                case .perStatement: try applyPerStatement(step, dialect: dialect, history: history, lock: lock, started: started, on: connection)
                }
                report.applied.append(.init(id: step.migration.id, statements: count, resumed: step.isResumed,
                                            milliseconds: Self.milliseconds(since: started)))
                try lock.renew(connection)
            }
            return .success(report)
        } catch {
            return .failure(error)
        }
    }

    /// Consecutive transactional statements in one transaction, a non-transactional one alone;
    /// the history row goes in the last transaction (or alone after a final non-transactional
    /// statement). A failure rolls back the open transaction.
    private func applyTransactionally(_ step: MigrationPlan.Step, dialect: SQLDialect, history: MigrationHistory,
                                      started: UInt64, on connection: Connection) throws(MigrationError) -> Int {
        let migration = step.migration
        let statements = Array((migration.script(for: dialect)?.statements ?? []).dropFirst(step.startAt))
        let checksum = migration.checksum(for: dialect) ?? ""
        func record() throws(AthanorError) {
            try history.insertCompleted(migration, checksum: checksum, statements: statements.count + step.startAt,
                                        milliseconds: Self.milliseconds(since: started), on: connection)
        }
        var index = 0
        var recorded = false
        while index < statements.count {
            if !statements[index].isTransactional {
                try run(statements[index], number: step.startAt + index + 1, of: migration, dialect: dialect, on: connection)
                index += 1
                continue
            }
            var end = index
            while end < statements.count, statements[end].isTransactional { end += 1 }
            do {
                try connection.executeScript("BEGIN")
            } catch {
                throw .database(error)
            }
            do throws(MigrationError) {
                for position in index..<end {
                    try run(statements[position], number: step.startAt + position + 1, of: migration, dialect: dialect, on: connection)
                }
                if end == statements.count {
                    do { try record() } catch { throw .database(error) }
                    recorded = true
                }
                do { try connection.executeScript("COMMIT") } catch { throw .database(error) }
            } catch {
                _ = try? connection.executeScript("ROLLBACK")
                throw error
            }
            index = end
        }
        if !recorded {
            do { try record() } catch { throw .database(error) }
        }
        return statements.count
    }

    /// Each statement on its own (autocommit), the history row updated after each: a rerun
    /// resumes after the last statement recorded.
    private func applyPerStatement(_ step: MigrationPlan.Step, dialect: SQLDialect, history: MigrationHistory, lock: MigrationLock,
                                   started: UInt64, on connection: Connection) throws(MigrationError) -> Int {
        let migration = step.migration
        let statements = migration.script(for: dialect)?.statements ?? []
        do {
            if !step.isResumed {
                try history.insertStarted(migration, checksum: migration.checksum(for: dialect) ?? "", statements: statements.count,
                                          on: connection)
            } else {
                try history.recordRevision(migration.id, checksum: migration.checksum(for: dialect) ?? "", statements: statements.count,
                                           on: connection)
            }
        } catch {
            throw .database(error)
        }
        for position in step.startAt..<max(step.startAt, statements.count) {
            try run(statements[position], number: position + 1, of: migration, dialect: dialect, on: connection)
            do {
                try history.recordProgress(migration.id, statementsApplied: position + 1,
                                           appliedChecksum: migration.prefixChecksum(for: dialect, statements: position + 1) ?? "",
                                           on: connection)
            } catch {
                throw .database(error)
            }
            try lock.renew(connection)
        }
        do {
            try history.recordCompleted(migration.id, milliseconds: Self.milliseconds(since: started), on: connection)
        } catch {
            throw .database(error)
        }
        return max(0, statements.count - step.startAt)
    }

    private func run(_ statement: MigrationStatement, number: Int, of migration: Migration, dialect: SQLDialect,
                     on connection: Connection) throws(MigrationError) {
        do {
            try connection.executeScript(statement.sql)
        } catch {
            let count = migration.script(for: dialect)?.statements.count ?? number
            throw .statementFailed(id: migration.id, number: number, count: count, statement: statement.sql, underlying: error)
        }
    }

    private static func milliseconds(since start: UInt64) -> Int64 {
        Int64((monotonicNanoseconds() &- start) / 1_000_000)
    }
}
