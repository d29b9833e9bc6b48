@testable import Athanor
import Testing

/// TLS as libpq's `sslmode` sets it, against a private server with a certificate for 127.0.0.1
/// signed by a test authority: encryption when asked for, verification that fails closed, and a
/// typed error that names the cause but never the password.
@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct TLSTests {
    func url(_ cluster: PrivateCluster, _ query: String) throws -> DatabaseURL {
        try DatabaseURL("postgresql://postgres:n0t-Sent-4nywhere@127.0.0.1:\(cluster.port)/postgres?\(query)")
    }

    @Test func sslmodeDecidesEncryptionAndVerification() async throws {
        try await PrivateCluster.with(tls: true) { cluster in
            let required = try await Connection.connect(to: url(cluster, "sslmode=require"))
            #expect(required.tlsVersion?.hasPrefix("TLS") == true)
            required.close()

            let verified = try await Connection.connect(to: url(cluster, "sslmode=verify-full&sslrootcert=\(cluster.caFile)"))
            #expect(verified.tlsVersion != nil)
            #expect(try await verified.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")[0].decode(Bool.self, at: 0))
            verified.close()

            let plain = try await Connection.connect(to: url(cluster, "sslmode=disable"))
            #expect(plain.tlsVersion == nil)
            plain.close()

            // A certificate the given authority did not sign: refused, before any password is sent.
            do {
                _ = try await Connection.connect(to: url(cluster, "sslmode=verify-full&sslrootcert=\(cluster.otherCAFile)"))
                Issue.record("verification against another authority must fail")
            } catch let error as AthanorError {
                guard case .connectionFailed(let failure) = error else { Issue.record("wrong error: \(error)"); return }
                #expect(failure.message.contains("certificate"), "\(failure.message)")
                for text in [error.description, error.debugDescription, "\(error)", String(reflecting: error)] {
                    #expect(!text.contains("n0t-Sent"))
                }
            }
        }
    }

    @Test func aPoolOverTLSRunsStatementsAndCancels() async throws {
        try await PrivateCluster.with(tls: true) { cluster in
            let pool = ConnectionPool(
                url: try url(cluster, "sslmode=verify-full&sslrootcert=\(cluster.caFile)"),
                configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
            #expect(try await pool.query("SELECT 41 + 1")[0].decode(Int.self, at: 0) == 42)
            // The CancelRequest goes in the clear, as libpq's does; the query stops all the same.
            _ = try await pool.query("SELECT pg_sleep($1)", [0.0])   // prepared first (see FaultTests)
            let task = Task { try await pool.query("SELECT pg_sleep($1)", [10.0]) }
            // Well under the statement's 10 s; a loaded machine (a cluster starting beside) took 1.x s once.
            #expect(try await cancelWhileRunning(task, on: pool) < .seconds(5))
            #expect(try await pool.query("SELECT 1")[0].decode(Int.self, at: 0) == 1)
            await pool.close()
        }
    }

    /// A prepared statement waits on the event loop, which reads the answer record by record
    /// (TLS holds decrypted bytes the socket does not show): a large result arrives whole, and
    /// a cancel still stops a sleeping statement.
    @Test func aPoolOverTLSReadsLargeResultsAndCancelsOnTheEventLoop() async throws {
        try await PrivateCluster.with(tls: true) { cluster in
            let pool = ConnectionPool(
                url: try url(cluster, "sslmode=verify-full&sslrootcert=\(cluster.caFile)"),
                configuration: .init(size: 1, maxOverflow: 0, logger: .silent))
            for length in [10, 300_000, 1_000_000] {  // the first prepares it
                let rows = try await pool.query("SELECT repeat('x', $1::int)", [Int32(length)])
                #expect(try rows[0].decode(String.self, at: 0).utf8.count == length)
            }
            _ = try await pool.query("SELECT pg_sleep($1::float8)", [0.0])
            let task = Task { try await pool.query("SELECT pg_sleep($1::float8)", [10.0]) }
            #expect(try await cancelWhileRunning(task, on: pool) < .seconds(3))
            await pool.close()
        }
    }
}
