@testable import Athanor
import AthanorFaultProxy
import Testing

/// A transaction's `BEGIN` goes with its first statement, in one round trip; a transaction that
/// runs no statement sends nothing; and a connection never carries an unsent `BEGIN` past its
/// transaction (the next user's statements would otherwise run in a transaction never committed).
@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct DeferredOpeningTests {
    func pool(_ url: DatabaseURL) -> ConnectionPool {
        ConnectionPool(url: url, configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
    }

    /// The rows of `t` as another session sees them: what is committed.
    func committed(_ db: TestDatabase) async throws -> [Int32] {
        let observer = try await Connection.connect(to: db.url)
        return try await observer.query("SELECT v FROM t ORDER BY v").map { try $0.decode(Int32.self, at: 0) }
    }

    @Test func theFirstStatementCarriesTheOpeningInOneRoundTrip() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db.url)
            try await pool.execute("CREATE TABLE t (v int)")
            // The INSERT prepared on the pool's one connection (BEGIN sent before it, on its own),
            // then BEGIN prepared too (once per connection): the transaction's path then pipelines.
            let connection = try await pool.withConnection { $0 }
            var before = connection.roundTrips
            try await pool.transaction { tx in try await tx.execute("INSERT INTO t VALUES ($1)", [Int32(1)]) }
            #expect(connection.roundTrips - before == 4)   // BEGIN, prepare, INSERT, COMMIT
            before = connection.roundTrips
            try await pool.transaction { tx in try await tx.execute("INSERT INTO t VALUES ($1)", [Int32(2)]) }
            #expect(connection.roundTrips - before == 3)   // prepare BEGIN, BEGIN with the INSERT, COMMIT
            before = connection.roundTrips
            try await pool.transaction { tx in try await tx.execute("INSERT INTO t VALUES ($1)", [Int32(2)]) }
            #expect(connection.roundTrips - before == 2)   // BEGIN with the INSERT, COMMIT (was 3)
            try await pool.execute("DELETE FROM t WHERE v = 2 AND ctid <> (SELECT min(ctid) FROM t WHERE v = 2)")
            // Inside the transaction: rolled back with it, and invisible to others until COMMIT.
            await #expect(throws: Marker.self) {
                try await pool.transaction { tx in
                    try await tx.execute("INSERT INTO t VALUES ($1)", [Int32(3)])
                    #expect(try await committed(db) == [1, 2])
                    throw Marker()
                }
            }
            #expect(try await committed(db) == [1, 2])
            await pool.close()
        }
    }

    @Test func aTransactionWithoutStatementsSendsNothing() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db.url)
            let connection = try await pool.withConnection { $0 }
            let before = connection.roundTrips
            #expect(try await pool.transaction { _ in 42 } == 42)
            #expect(try pool.transactionBlocking { _ in 43 } == 43)
            #expect(connection.roundTrips == before)
            await pool.close()
        }
    }

    @Test func aBodyThatThrowsFirstLeavesNothingOpenForTheNextUser() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db.url)
            try await pool.execute("CREATE TABLE t (v int)")
            await #expect(throws: Marker.self) { try await pool.transaction { _ in throw Marker() } }
            try await pool.execute("INSERT INTO t VALUES ($1)", [Int32(1)])
            #expect(throws: Marker.self) { try pool.transactionBlocking { _ in throw Marker() } }
            _ = try pool.queryBlocking("INSERT INTO t VALUES ($1)", [Int32(2)])
            // A lease whose statements run on the connection's thread, after the unsent opening.
            try await pool.withConnection { connection in try await connection.execute("INSERT INTO t VALUES ($1)", [Int32(3)]) }
            #expect(try await committed(db) == [1, 2, 3])

            let bare = try await Connection.connect(to: db.url)
            await #expect(throws: Marker.self) { try await bare.inTransaction { _ in throw Marker() } }
            try await bare.execute("INSERT INTO t VALUES ($1)", [Int32(4)])
            #expect(try await committed(db) == [1, 2, 3, 4])
            await pool.close()
        }
    }

    @Test func anOpeningBeforeOtherKindsOfRequestIsSentOnItsOwn() async throws {
        try await TestDatabase.with { db in
            let pool = pool(db.url)
            try await pool.execute("CREATE TABLE t (v int)")
            // A pipeline, a script and a statement not prepared yet: each opens the transaction first.
            await #expect(throws: Marker.self) {
                try await pool.transaction { tx in
                    _ = try await tx.connection.pipeline([Statement("INSERT INTO t VALUES (1)")])
                    throw Marker()
                }
            }
            await #expect(throws: Marker.self) {
                try await pool.transaction { tx in
                    try await tx.connection.executeScript("INSERT INTO t VALUES (2); INSERT INTO t VALUES (3)")
                    throw Marker()
                }
            }
            await #expect(throws: Marker.self) {
                try await pool.transaction { tx in
                    try await tx.execute("INSERT INTO t SELECT $1", [Int32(4)])
                    throw Marker()
                }
            }
            #expect(try await committed(db) == [])
            await pool.close()
        }
    }

    @Test func aConnectionLostWithTheOpeningIsRetriedOnce() async throws {
        try await TestDatabase.with { db in
            let proxy = try FaultProxy(targetPort: db.url.endpoints[0].port)
            defer { proxy.stop() }
            var url = db.url
            url.endpoints = [.init(host: "127.0.0.1", port: proxy.port)]
            let pool = pool(url)
            try await pool.execute("CREATE TABLE t (v int)")
            try await pool.transaction { tx in try await tx.execute("INSERT INTO t VALUES ($1)", [Int32(1)]) }
            // BEGIN and the prepared INSERT leave in one chunk; the server gets it, the answer is lost.
            proxy.cut(when: .execute(ofStatementContaining: "BEGIN"))
            try await pool.transaction { tx in try await tx.execute("INSERT INTO t VALUES ($1)", [Int32(2)]) }
            #expect(proxy.counters.cuts == 1)
            #expect(pool.counters.retries == 1)
            #expect(try await committed(db) == [1, 2])
            await pool.close()
        }
    }

    /// CockroachDB's opening (`BEGIN`, then `SAVEPOINT cockroach_restart`) in one pipeline with
    /// the first statement, and its commit, run on PostgreSQL (which has savepoints too); a
    /// rollback to the savepoint of a transaction never opened keeps its opening for the next
    /// attempt, a full rollback drops it.
    @Test func theSavepointProtocolsOpeningIsDeferredToo() async throws {
        try await TestDatabase.with { db in
            let connection = try Connection.connectBlocking(to: db.url)
            try connection.executeScript("CREATE TABLE t (v int)")
            let proto = TransactionProtocol(dialect: .cockroachdb, isolation: .serializable, readOnly: false)
            _ = try connection.execute("INSERT INTO t VALUES ($1)", [Int32(1)])   // prepared: the pipelined path

            proto.open(connection)
            #expect(proto.rollback(connection, keepPlace: true))
            #expect(connection.deferredOpening == ["BEGIN ISOLATION LEVEL SERIALIZABLE", "SAVEPOINT cockroach_restart"])
            let before = connection.roundTrips
            _ = try connection.execute("INSERT INTO t VALUES ($1)", [Int32(2)])
            #expect(connection.roundTrips - before == 3)   // BEGIN and SAVEPOINT prepared, then one pipeline
            #expect(proto.rollback(connection, keepPlace: true))   // ROLLBACK TO SAVEPOINT: the savepoint exists
            _ = try connection.execute("INSERT INTO t VALUES ($1)", [Int32(3)])
            #expect(proto.commit(connection) == nil)                 // RELEASE SAVEPOINT, COMMIT
            #expect(try connection.query("SELECT v FROM t ORDER BY v").map { try $0.decode(Int32.self, at: 0) } == [1, 3])

            proto.open(connection)
            let prepared = connection.roundTrips
            _ = try connection.execute("INSERT INTO t VALUES ($1)", [Int32(4)])
            #expect(connection.roundTrips - prepared == 1)   // both prepared now: one round trip
            #expect(proto.rollback(connection, keepPlace: false))
            #expect(try connection.query("SELECT count(*) FROM t WHERE v = 4")[0].decode(Int.self, at: 0) == 0)

            proto.open(connection)
            #expect(proto.rollback(connection, keepPlace: false))
            #expect(connection.deferredOpening == nil)
            proto.open(connection)
            let idle = connection.roundTrips
            #expect(proto.commit(connection) == nil)
            #expect(connection.deferredOpening == nil)
            #expect(connection.roundTrips == idle)
        }
    }

    /// An opening the server refuses (or never gets) stays to be sent: a body that catches the
    /// error and goes on never runs a statement outside its transaction. Both ways of sending it:
    /// alone before a statement not prepared yet, and in one pipeline with a prepared one.
    @Test func aRefusedOpeningStaysDeferredSoNothingRunsOutsideTheTransaction() async throws {
        try await TestDatabase.with { db in
            let connection = try Connection.connectBlocking(to: db.url)
            try connection.executeScript("CREATE TABLE t (v int)")
            let refused = ["BEGIN ISOLATION LEVEL NO_SUCH_LEVEL"]
            for prepareFirst in [false, true] {
                if prepareFirst { _ = try connection.query("SELECT count(*) FROM t WHERE v > $1", [Int32(0)]) }
                connection.deferredOpening = refused
                #expect(throws: AthanorError.self) { try connection.execute("INSERT INTO t SELECT $1", [Int32(1)]) }
                #expect(connection.deferredOpening == refused)
                #expect(throws: AthanorError.self) { try connection.query("SELECT count(*) FROM t WHERE v > $1", [Int32(0)]) }
                #expect(connection.deferredOpening == refused)
                connection.deferredOpening = nil
            }
            #expect(try connection.query("SELECT count(*) FROM t")[0].decode(Int.self, at: 0) == 0)
            // A statement that fails after its opening went through leaves the transaction open
            // (in error), not a deferred opening.
            connection.deferredOpening = ["BEGIN"]
            #expect(throws: AthanorError.self) { try connection.execute("INSERT INTO t SELECT $1 / 0", [Int32(1)]) }
            #expect(connection.deferredOpening == nil)
            #expect(TransactionProtocol(dialect: .postgresql, isolation: nil, readOnly: false).rollback(connection, keepPlace: false))
        }
    }
}
