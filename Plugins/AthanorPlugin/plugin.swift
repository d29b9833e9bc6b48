import Foundation
import PackagePlugin

/// Compiles the `.schema` files of the target it is applied to into typed Swift models and
/// repositories, at build time.
///
/// Apply it to a target and depend on the runtime:
///
/// ```swift
/// .target(
///     name: "ShopModels",
///     dependencies: [.product(name: "Athanor", package: "Athanor")],
///     plugins: [.plugin(name: "AthanorPlugin", package: "Athanor")]
/// )
/// ```
///
/// The plugin runs `athanor-generate swift` (the code-generation tool: the compiler alone, no
/// runtime) as one build command whose inputs are every schema, every template override
/// (`*.mustache` in the target), every file of the target's `migrations/` folder (embedded in
/// `AthanorSchema.migrations`) and the tool itself, so editing any of them regenerates on the
/// next build and nothing else does. The tool's `file:line:column: error:` diagnostics fail the
/// build where the user sees them.
@main
struct AthanorPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let module = target as? SourceModuleTarget else { return [] }
        let inputs = SchemaInputs(module: module)
        guard !inputs.schemas.isEmpty else { return [] }
        let conflicts = inputs.nameConflicts(swiftSources: module.sourceFiles(withSuffix: "swift").map(\.url))
        guard conflicts.isEmpty else {
            for conflict in conflicts { Diagnostics.error("\(target.name): \(conflict)") }
            throw PluginError(description: "the generated Swift files of \(target.name) would collide with each other or with its own files")
        }

        if !Self.dependsOnRuntime(target) {
            // Without it the generated code fails with "missing required module 'CLibPQ'" or "no such module".
            Diagnostics.warning("\(target.name) applies AthanorPlugin but does not depend on the Athanor library: add "
                                + ".product(name: \"Athanor\", package: \"Athanor\") to its dependencies")
        }
        let tool = try context.tool(named: "athanor-generate")
        let outputDirectory = context.pluginWorkDirectoryURL.appending(component: "GeneratedSources")
        let count = inputs.schemas.count
        return [
            .buildCommand(
                displayName: "Athanor: generating Swift for \(target.name) from \(count) schema file\(count == 1 ? "" : "s")",
                executable: tool.url,
                arguments: ["swift", "--output", outputDirectory.path, "--quiet"] + inputs.toolArguments,
                inputFiles: inputs.schemas + inputs.templateOverrides + inputs.migrationFiles + [tool.url],
                outputFiles: inputs.generatedSwiftFiles(in: outputDirectory)
            )
        ]
    }

    /// Whether `target` depends on the `Athanor` product, directly or through its own targets.
    static func dependsOnRuntime(_ target: Target, depth: Int = 0) -> Bool {
        guard depth < 32 else { return false }
        return target.dependencies.contains { dependency in
            switch dependency {
            case .product(let product): product.name == "Athanor"
            case .target(let inner): inner.name == "Athanor" || dependsOnRuntime(inner, depth: depth + 1)
            @unknown default: false
            }
        }
    }
}

/// A failure of the plugin itself, with what to do about it.
struct PluginError: Error, CustomStringConvertible {
    var description: String
}
