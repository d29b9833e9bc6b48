/// Keeps concurrent appliers (replicas starting at once) apart, so each migration is applied once.
///
/// - ``MigrationOptions/Lock/advisory``: `pg_try_advisory_lock(key)` on the applier's session,
///   polled every 100 ms until ``MigrationOptions/lockTimeout``; `pg_advisory_unlock` at the end
///   (the server also drops it if the session dies).
/// - ``MigrationOptions/Lock/leaseRow``: one row in `<history>_lock` holding the applier's id and
///   an expiry, taken when absent or expired, renewed after each statement, deleted at the end.
struct MigrationLock: Sendable {
    let kind: MigrationOptions.Lock
    let table: String
    let timeout: Duration
    let lease: Duration
    let holder: String

    init(kind: MigrationOptions.Lock, options: MigrationOptions) {
        self.kind = kind
        self.table = options.lockTable
        self.timeout = options.lockTimeout
        self.lease = options.lease
        self.holder = String(UInt64.random(in: 0...UInt64.max), radix: 16) + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    /// The advisory lock's key: the first 60 bits of SHA-256 of the history table's name.
    var advisoryKey: Int64 {
        Int64(SHA256.hex(of: "athanor:" + table).prefix(15), radix: 16) ?? 0
    }

    private var quoted: String { SQLIdentifier.quoted(table) }
    private var leaseSeconds: Double { Double(lease.components.seconds) + Double(lease.components.attoseconds) / 1e18 }

    func acquire(_ connection: Connection) throws(MigrationError) {
        if kind == .leaseRow { try createTable(connection) }
        let deadline = monotonicNanoseconds() + timeout.nanoseconds
        while true {
            do {
                if try tryAcquire(connection) { return }
            } catch {
                throw .database(error)
            }
            guard monotonicNanoseconds() < deadline else {
                throw .lockTimeout(seconds: Double(timeout.components.seconds))
            }
            sleepBlocking(.milliseconds(100))
        }
    }

    private func tryAcquire(_ connection: Connection) throws(AthanorError) -> Bool {
        switch kind {
        case .advisory:
            let rows: Rows = try connection.query("SELECT pg_try_advisory_lock($1)", [advisoryKey])
            return try rows[0].decode(Bool.self, at: 0)
        case .leaseRow:
            let rows: Rows = try connection.query("""
                INSERT INTO \(quoted) (name, holder, expires_at) VALUES ('migrate', $1, now() + $2::FLOAT8 * INTERVAL '1 second')
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE \(quoted).expires_at < now()
                RETURNING holder
                """, [holder, leaseSeconds])
            return rows.count == 1
        }
    }

    /// Extends the lease (lease rows only) before the next statement.
    func renew(_ connection: Connection) throws(MigrationError) {
        guard kind == .leaseRow else { return }
        do {
            try connection.execute("""
                UPDATE \(quoted) SET expires_at = now() + $2::FLOAT8 * INTERVAL '1 second' WHERE name = 'migrate' AND holder = $1
                """, [holder, leaseSeconds])
        } catch {
            throw .database(error)
        }
    }

    /// Releases the lock; a failure is ignored (the session's end or the lease's expiry frees it).
    func release(_ connection: Connection) {
        switch kind {
        case .advisory:
            _ = try? connection.query("SELECT pg_advisory_unlock($1)", [advisoryKey]) as Rows
        case .leaseRow:
            _ = try? connection.execute("DELETE FROM \(quoted) WHERE name = 'migrate' AND holder = $1", [holder])
        }
    }

    /// `CREATE TABLE IF NOT EXISTS` of the lock table; two appliers creating it at once can
    /// collide on PostgreSQL's catalog, so a failure is retried (three attempts).
    private func createTable(_ connection: Connection) throws(MigrationError) {
        let statement = "CREATE TABLE IF NOT EXISTS \(quoted) (name TEXT NOT NULL PRIMARY KEY, holder TEXT NOT NULL, expires_at TIMESTAMPTZ NOT NULL)"
        var attempt = 0
        while true {
            attempt += 1
            do {
                try connection.executeScript(statement)
                return
            } catch {
                guard attempt < 3 else { throw .database(error) }
                sleepBlocking(.milliseconds(50 * attempt))
            }
        }
    }
}
