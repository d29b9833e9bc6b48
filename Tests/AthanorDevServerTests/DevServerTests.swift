import Athanor
@testable import AthanorDevServer
import Foundation
import Testing

/// The development server for real: a PostgreSQL in a temporary folder, started, found, reached,
/// kept between calls, stopped and started again. (`athanor dev` is the shell over these calls;
/// scripts/with-postgres runs it on every CI run.)
@Suite(.tags(.devServer), .serialized)
struct DevServerTests {
    @Test func startStatusURLStopRoundTrip() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = DevServer(folder: folder)
        #expect(server.status().isRunning == false)

        let started = try await onThread { try server.start() }
        #expect(started.isRunning)
        let url = try #require(started.url)
        #expect(url.hasPrefix("postgresql://postgres@127.0.0.1:"))
        #expect(try await selectOne(url) == 1)

        // Kept between commands: a second start finds it and changes nothing.
        let again = try await onThread { try server.start() }
        #expect(again.url == url)
        #expect(server.status().url == url)

        #expect(try await onThread { try server.stop() } == true)
        #expect(server.status().isRunning == false)
        #expect(server.status().url == nil)
        #expect(try await onThread { try server.stop() } == false)
        await #expect(throws: AthanorError.self) { try await selectOne(url) }

        // Started again from the same folder: its data and, the port being free, its URL.
        let restarted = try await onThread { try server.start() }
        #expect(restarted.url == url)
        #expect(try await selectOne(url) == 1)
        _ = try await onThread { try server.stop() }
    }

    @Test func theBinariesAreFoundAndAFolderWithoutThemIsRefused() throws {
        let binaries = try PostgresBinaries.locate()
        #expect(PostgresBinaries.isServerFolder(binaries.folder))
        #expect(PostgresBinaries.isServerFolder("/nonexistent") == false)
        #expect(PostgresBinaries.candidates(environment: ["ATHANOR_PG_BIN": "/x/bin"]).first == "/x/bin")
    }

    @Test func withoutCockroachTheErrorSaysHowToGetOne() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = DevServer(folder: folder, kind: .cockroachdb, environment: ["PATH": "/nonexistent"])
        #expect {
            try server.start()
        } throws: { error in
            "\(error)".contains("no 'cockroach' binary on the PATH") && "\(error)".contains("docker run")
        }
    }

    private func selectOne(_ url: String) async throws -> Int32 {
        let connection = try await Connection.connect(to: DatabaseURL(url + "?connect_timeout=5"), timeout: .seconds(5))
        defer { connection.close() }
        return try await connection.query("SELECT 1::int4")[0].decode(Int32.self, at: 0)
    }

    private func temporaryFolder() throws -> String {
        var template = Array("/tmp/athanor-devtest-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw DevServerError("mkdtemp failed") }
        return String(cString: made)
    }

    /// Runs the server's blocking calls on a thread of their own, off the cooperative pool.
    private func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }
}

extension Tag {
    /// Tests that start a PostgreSQL of their own from the machine's binaries.
    @Tag static var devServer: Self
}
