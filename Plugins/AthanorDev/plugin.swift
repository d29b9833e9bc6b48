import Foundation
import PackagePlugin

/// `athanor dev` from SwiftPM: starts, stops or locates the package's development server in
/// `.athanor/dev`, by running the `athanor` tool in the package's folder.
///
/// ```sh
/// swift package --allow-writing-to-package-directory athanor-dev start [--apply Sources/ShopModels]
/// swift package --allow-writing-to-package-directory athanor-dev url
/// swift package --allow-writing-to-package-directory athanor-dev stop
/// ```
///
/// The arguments are `athanor dev`'s (`athanor dev --help`); its output is passed through, so the
/// URL is the last line of `start`'s standard output.
@main
struct AthanorDev: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "athanor")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["dev"] + arguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw AthanorDevError(status: process.terminationStatus)
        }
    }
}

/// `athanor dev` failed; it has said why on standard error.
struct AthanorDevError: Error, CustomStringConvertible {
    let status: Int32
    var description: String { "athanor dev exited with status \(status)" }
}
