import AthanorCompilerIO
import Foundation

/// `athanor-generate`: the code-generation tool the plugins run. It links the compiler and its
/// template renderer only (no runtime, no libpq, no argument-parsing library), so a consumer's
/// build compiles little to get it. People use `athanor`; see ``ToolInvocation/usage``.
@main
enum GenerateTool {
    static func main() {
        let invocation: ToolInvocation
        do {
            invocation = try ToolInvocation.parse(Array(CommandLine.arguments.dropFirst()))
        } catch {
            StandardError.write("athanor-generate: error: \(error.description)\n\(ToolInvocation.usage)\n")
            exit(64)
        }
        do {
            try invocation.run()
        } catch {
            exit(error.status)
        }
    }
}
