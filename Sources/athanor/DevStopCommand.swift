import ArgumentParser
import AthanorCompilerIO
import AthanorDevServer

/// `athanor dev stop`: stops the development server, keeping its data.
struct DevStopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop the development server (its data stays; 'start' brings it back).",
        discussion: "Exit status: 0 when it is stopped (or was not running), 1 when stopping failed."
    )

    @OptionGroup var selection: DevServerSelection

    func run() async throws {
        let server = DevServer(folder: selection.dataDir, kind: selection.cockroachdb ? .cockroachdb : .postgres)
        let stopped = try await onOwnThread { () throws(DevServerError) in try server.stop() }
        StandardError.write(stopped ? "\(server.kind.productName) stopped\n" : "\(server.kind.productName) was not running\n")
    }
}
