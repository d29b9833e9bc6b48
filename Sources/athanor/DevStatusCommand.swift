import ArgumentParser
import AthanorDevServer

/// `athanor dev status`: whether the development server runs, and its URL.
struct DevStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Say whether the development server runs; its URL is the last line when it does.",
        discussion: "Exit status: 0 when it runs, 1 when it does not."
    )

    @OptionGroup var selection: DevServerSelection

    func run() throws {
        let status = DevServer(folder: selection.dataDir, kind: selection.cockroachdb ? .cockroachdb : .postgres).status()
        print(status)
        guard let url = status.url else { throw ExitCode(1) }
        print(url)
    }
}
