import Foundation
import PackagePlugin

/// Writes the next migration of a target from its schemas, as `athanor migrate diff` does, into
/// the target's `migrations/` folder (which the build plugin embeds in `AthanorSchema.migrations`).
///
/// ```sh
/// swift package --allow-writing-to-package-directory migrate-diff NAME \
///     [--target ShopModels] [--allow-destructive] [--empty]
/// ```
///
/// Without `--target`, the package's one target that holds `.schema` files (several: name one).
@main
struct MigrateDiff: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(Self.help)
            return
        }
        var extractor = ArgumentExtractor(arguments)
        let targetNames = extractor.extractOption(named: "target")
        let allowDestructive = extractor.extractFlag(named: "allow-destructive") > 0
        let empty = extractor.extractFlag(named: "empty") > 0
        guard extractor.remainingArguments.count == 1, let name = extractor.remainingArguments.first else {
            throw MigrateDiffError.usage
        }
        let module = try selectedModule(in: context.package, named: targetNames)
        let inputs = SchemaInputs(module: module)
        let tool = try context.tool(named: "athanor-generate")
        var toolArguments = ["migrate-diff", name, "--migrations", inputs.migrationsDirectory.path]
        if allowDestructive { toolArguments.append("--allow-destructive") }
        if empty { toolArguments.append("--empty") }
        let process = Process()
        process.executableURL = tool.url
        process.arguments = toolArguments + ["--"] + inputs.schemas.map(\.path)
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw MigrateDiffError.toolFailed(status: process.terminationStatus)
        }
    }

    static let help = """
        OVERVIEW: Write the next migration of a target from its .schema files, into <target>/migrations/.

        USAGE: swift package --allow-writing-to-package-directory migrate-diff NAME [--target NAME] [--allow-destructive] [--empty]

        OPTIONS:
          --target NAME          The target (default: the package's one target with .schema files).
          --allow-destructive    Write destructive changes (drops, narrowed types, NOT NULL without a default).
          --empty                Write empty SQL files and the schemas' snapshot, for a migration written by hand.
        """

    private func selectedModule(in package: Package, named names: [String]) throws -> SourceModuleTarget {
        let all = package.targets.compactMap { $0 as? SourceModuleTarget }
        if let name = names.first {
            guard names.count == 1 else { throw MigrateDiffError.usage }
            guard let module = all.first(where: { $0.name == name }) else { throw MigrateDiffError.unknownTarget(name) }
            return module
        }
        let withSchemas = all.filter { !SchemaInputs(module: $0).schemas.isEmpty }
        guard withSchemas.count == 1, let module = withSchemas.first else {
            throw withSchemas.isEmpty ? MigrateDiffError.noSchemas : MigrateDiffError.severalTargets(withSchemas.map(\.name))
        }
        return module
    }
}

enum MigrateDiffError: Error, CustomStringConvertible {
    case usage
    case unknownTarget(String)
    case noSchemas
    case severalTargets([String])
    case toolFailed(status: Int32)

    var description: String {
        switch self {
        case .usage:
            "usage: migrate-diff NAME [--target NAME] [--allow-destructive] [--empty]"
        case .unknownTarget(let name):
            "no target named '\(name)' in this package"
        case .noSchemas:
            "no target of this package holds .schema files"
        case .severalTargets(let names):
            "several targets hold .schema files (\(names.joined(separator: ", "))): name one with --target"
        case .toolFailed(let status):
            "athanor-generate migrate-diff failed (exit status \(status)); its diagnostics are above"
        }
    }
}
