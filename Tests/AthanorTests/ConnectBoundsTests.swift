@testable import Athanor
import CLibPQ
import Glibc
import Testing

/// The per-host connect bounds, the connect loop's errors, and the TCP keepalive defaults.
struct ConnectBoundsTests {
    static let second: UInt64 = 1_000_000_000

    @Test func eachHostGetsAShareOfTheTimeLeftAndTheLastGetsTheRest() {
        let budget = ConnectBudget(deadline: 100 * Self.second, perHostLimit: nil)
        // 2.7 s for 2 hosts: 1.35 s for the first, all that is left for the last.
        let start = 100 * Self.second - 2_700_000_000
        #expect(budget.hostDeadline(now: start, hostsLeft: 2) == start + 1_350_000_000)
        #expect(budget.hostDeadline(now: start + 1_350_000_000, hostsLeft: 1) == 100 * Self.second)
        // At most 5 s while other hosts remain, at least 0.5 s, never past the deadline.
        #expect(budget.hostDeadline(now: 70 * Self.second, hostsLeft: 2) == 75 * Self.second)
        #expect(budget.hostDeadline(now: 99 * Self.second, hostsLeft: 10) == 99 * Self.second + 500_000_000)
        #expect(budget.hostDeadline(now: 100 * Self.second - 200_000_000, hostsLeft: 3) == 100 * Self.second)
        #expect(budget.hostDeadline(now: 100 * Self.second, hostsLeft: 1) == nil)
        // The URL's connect_timeout bounds each host instead, still within the deadline.
        let limited = ConnectBudget(deadline: 100 * Self.second, perHostLimit: 2 * Self.second)
        #expect(limited.hostDeadline(now: 90 * Self.second, hostsLeft: 1) == 92 * Self.second)
        #expect(limited.hostDeadline(now: 99 * Self.second, hostsLeft: 2) == 100 * Self.second)
    }

    @Test func thePoolsConnectBoundEndsBeforeItsTimeout() {
        #expect(PoolConfiguration(timeout: .seconds(3)).connectTimeout == .milliseconds(2700))
        #expect(PoolConfiguration(timeout: .seconds(30)).connectTimeout == .seconds(29))
        #expect(PoolConfiguration(timeout: .milliseconds(200)).connectTimeout == .seconds(1))
    }

    @Test func connectTimeoutInTheURLBoundsEachHost() throws {
        #expect(try DatabaseURL("postgresql://h/db?connect_timeout=3").connectTimeoutPerHost == 3 * Self.second)
        #expect(try DatabaseURL("postgresql://h/db?connect_timeout=0").connectTimeoutPerHost == nil)
        #expect(try DatabaseURL("postgresql://h/db").connectTimeoutPerHost == nil)
        #expect(throws: AthanorError.self) { try DatabaseURL("postgresql://h/db?connect_timeout=2.5") }
    }

    @Test func keepalivesAreOnByDefaultAndTheURLWins() throws {
        let defaults = try DatabaseURL("postgresql://h/db").connectionParameters(endpoint: 0)
        let settings = Dictionary(uniqueKeysWithValues: zip(defaults.keywords, defaults.values))
        #expect(settings["keepalives"] == "1" && settings["keepalives_idle"] == "30")
        #expect(settings["keepalives_interval"] == "10" && settings["keepalives_count"] == "3")
        #expect(settings["tcp_user_timeout"] == "60000")
        #expect(settings["connect_timeout"] == nil)  // Athanor bounds the connect itself
        let chosen = try DatabaseURL("postgresql://h/db?keepalives_idle=120&tcp_user_timeout=0").connectionParameters(endpoint: 0)
        #expect(chosen.keywords.filter { $0 == "keepalives_idle" }.count == 1)
        let chosenSettings = Dictionary(uniqueKeysWithValues: zip(chosen.keywords, chosen.values))
        #expect(chosenSettings["keepalives_idle"] == "120" && chosenSettings["tcp_user_timeout"] == "0")
    }

    @Test func aHostaddrListGivesEachHostItsAddress() throws {
        let url = try DatabaseURL("postgresql://a:1,b:2/db?hostaddr=10.0.0.1,10.0.0.2")
        let second = url.connectionParameters(endpoint: 1)
        #expect(second.values[second.keywords.firstIndex(of: "hostaddr") ?? 0] == "10.0.0.2")
        #expect(second.values.prefix(2) == ["b", "2"])
    }

    /// No server needed: two silent hosts, a direct connect with a 1 s bound (timed on a
    /// thread of its own, see `timedOnOwnThread`).
    @Test func allHostsSilentIsAConnectionFailureNamingEachHostWithinTheBound() async throws {
        let first = try SilentListener()
        let second = try SilentListener()
        defer { first.close(); second.close() }
        let url = try DatabaseURL("postgresql://app:Hq4-Pw9@127.0.0.1:\(first.port),127.0.0.1:\(second.port)/db")
        let timed = await timedOnOwnThread { try Connection.connectBlocking(to: url, timeout: .seconds(1)) }
        #expect(timed.seconds >= 0.9 && timed.seconds < 1.9, "took \(timed.seconds) s")  // one bound for both hosts, not one each (2 s)
        guard case .connectionFailed(let failure)? = timed.result.failure as? AthanorError else {
            Issue.record("\(timed.result)")
            return
        }
        let error = AthanorError.connectionFailed(failure)
        #expect(error.description == "connection to 127.0.0.1:\(first.port),127.0.0.1:\(second.port) failed")
        for listener in [first, second] {
            #expect(failure.message.contains("127.0.0.1:\(listener.port): timed out after 0."), "\(failure.message)")
        }
        URLSecretTests.expectNoPiece(of: "Hq4-Pw9", in: error)
        // The async form fails the same way.
        await #expect(throws: AthanorError.self) { try await Connection.connect(to: url, timeout: .seconds(1)) }
    }

    /// A refused host costs nothing: the next one is tried at once, and the error names both causes.
    @Test func aRefusedHostAndASilentOneAreBothNamed() async throws {
        let refused = try SilentListener()
        refused.close()
        let silent = try SilentListener()
        defer { silent.close() }
        let url = try DatabaseURL("postgresql://app@127.0.0.1:\(refused.port),127.0.0.1:\(silent.port)/db?connect_timeout=1")
        let timed = await timedOnOwnThread { try Connection.connectBlocking(to: url, timeout: .seconds(5)) }
        #expect(timed.seconds >= 0.9 && timed.seconds < 1.9, "took \(timed.seconds) s")  // the refused host costs nothing; room for a loaded machine
        let text = (timed.result.failure as? AthanorError)?.debugDescription ?? "\(timed.result)"
        #expect(text.contains("127.0.0.1:\(refused.port): connection to server"), "\(text)")
        #expect(text.contains("Connection refused"))
        #expect(text.contains("127.0.0.1:\(silent.port): timed out after 1."), "\(text)")
    }
}

/// The same against the test server: keepalives reach the socket, and `connect_timeout` wins.
@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct ConnectBoundsServerTests {
    static func option(_ level: Int32, _ name: Int32, of connection: Connection) -> Int32 {
        var value: Int32 = -1
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = getsockopt(PQsocket(connection.pg.pointer), level, name, &value, &length)
        return value
    }

    @Test func theSocketHasTheKeepaliveDefaults() async throws {
        let connection = try await Connection.connect(to: TestDatabase.adminURL())
        #expect(Self.option(SOL_SOCKET, SO_KEEPALIVE, of: connection) == 1)
        #expect(Self.option(Int32(IPPROTO_TCP), TCP_KEEPIDLE, of: connection) == 30)
        #expect(Self.option(Int32(IPPROTO_TCP), TCP_KEEPINTVL, of: connection) == 10)
        #expect(Self.option(Int32(IPPROTO_TCP), TCP_KEEPCNT, of: connection) == 3)
        #expect(Self.option(Int32(IPPROTO_TCP), TCP_USER_TIMEOUT, of: connection) == 60000)
        connection.close()

        var url = try TestDatabase.adminURL()
        url = try DatabaseURL(url.description + (url.parameters.isEmpty ? "?" : "&") + "keepalives_idle=45")
        let chosen = try await Connection.connect(to: url)
        #expect(Self.option(Int32(IPPROTO_TCP), TCP_KEEPIDLE, of: chosen) == 45)
        chosen.close()
    }

    @Test func theURLsConnectTimeoutBoundsEachHost() async throws {
        let silent = try SilentListener()
        defer { silent.close() }
        var url = try TestDatabase.adminURL()
        url = try DatabaseURL(url.description + (url.parameters.isEmpty ? "?" : "&") + "connect_timeout=1")
        url.endpoints = [.init(host: "127.0.0.1", port: silent.port)] + url.endpoints
        let pool = ConnectionPool(url: url, configuration: .init(timeout: .seconds(20), logger: .silent))
        let timed = await timedOnOwnThread {
            try pool.withConnectionBlocking { try $0.query("SELECT 1")[0].decode(Int32.self, at: 0) }
        }
        #expect(try timed.result.get() == 1)
        // 1 s for the silent host, not the 5 s of a 20 s pool's share.
        #expect(timed.seconds >= 0.9 && timed.seconds < 2, "took \(timed.seconds) s")
        await pool.close()
    }
}
