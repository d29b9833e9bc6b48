import ArgumentParser
import AthanorCompilerIO
import AthanorDevServer

/// `athanor dev url`: the development server's URL, alone on stdout.
struct DevURLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "url",
        abstract: "Print the running development server's URL, alone (for $(athanor dev url)).",
        discussion: "Exit status: 0 when it runs, 1 when it does not (nothing on stdout then)."
    )

    @OptionGroup var selection: DevServerSelection

    func run() throws {
        let server = DevServer(folder: selection.dataDir, kind: selection.cockroachdb ? .cockroachdb : .postgres)
        guard let url = server.status().url else {
            StandardError.write("error: no development server runs in \(server.serverFolder): start one with 'athanor dev start'\n")
            throw ExitCode(1)
        }
        print(url)
    }
}
