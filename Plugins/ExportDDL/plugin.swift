import Foundation
import PackagePlugin

/// Writes the SQL DDL of a target's schemas into the package, for review.
///
/// ```sh
/// swift package --allow-writing-to-package-directory export-ddl \
///     [--target ShopModels] [--dialect postgresql|cockroachdb] [--output ddl/]
/// ```
///
/// Without `--dialect` it writes both dialects; without `--target`, every target that holds
/// `.schema` files; `--output` is relative to the package (default `ddl/`). One file per
/// target and dialect: `ddl/<Target>.<dialect>.sql`.
@main
struct ExportDDL: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(Self.help)
            return
        }
        var extractor = ArgumentExtractor(arguments)
        let targetNames = extractor.extractOption(named: "target")
        let dialects = extractor.extractOption(named: "dialect")
        let outputOption = extractor.extractOption(named: "output").last ?? "ddl"
        if !extractor.remainingArguments.isEmpty {
            throw ExportDDLError.unexpectedArguments(extractor.remainingArguments)
        }
        for dialect in dialects where !["postgresql", "cockroachdb"].contains(dialect) {
            throw ExportDDLError.unknownDialect(dialect)
        }

        let tool = try context.tool(named: "athanor-generate")
        let outputDirectory = outputOption.hasPrefix("/")
            ? URL(filePath: outputOption)
            : context.package.directoryURL.appending(path: outputOption)
        try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)

        let modules = try selectedModules(in: context.package, named: targetNames)
        for module in modules {
            let inputs = SchemaInputs(module: module)
            for dialect in dialects.isEmpty ? ["postgresql", "cockroachdb"] : dialects {
                let file = outputDirectory.appending(component: "\(module.name).\(dialect).sql")
                try run(tool.url, ["ddl", "--dialect", dialect, "--output", file.path, "--"] + inputs.schemas.map(\.path))
                print("wrote \(file.path)")
            }
        }
    }

    static let help = """
        OVERVIEW: Write the SQL DDL of the package's .schema files, for review.

        USAGE: swift package --allow-writing-to-package-directory export-ddl [--target NAME] [--dialect postgresql|cockroachdb] [--output DIR]

        OPTIONS:
          --target NAME      A target whose .schema files to export (repeatable; default: every target with .schema files).
          --dialect DIALECT  postgresql or cockroachdb (repeatable; default: both).
          --output DIR       The folder to write into, relative to the package (default: ddl/).
                             One file per target and dialect: <Target>.<dialect>.sql.
        """

    private func selectedModules(in package: Package, named names: [String]) throws -> [SourceModuleTarget] {
        let all = package.targets.compactMap { $0 as? SourceModuleTarget }
        guard !names.isEmpty else {
            let withSchemas = all.filter { !SchemaInputs(module: $0).schemas.isEmpty }
            if withSchemas.isEmpty { throw ExportDDLError.noSchemas }
            return withSchemas
        }
        return try names.map { name in
            guard let module = all.first(where: { $0.name == name }) else { throw ExportDDLError.unknownTarget(name) }
            return module
        }
    }

    private func run(_ executable: URL, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw ExportDDLError.toolFailed(status: process.terminationStatus)
        }
    }
}

enum ExportDDLError: Error, CustomStringConvertible {
    case unexpectedArguments([String])
    case unknownTarget(String)
    case unknownDialect(String)
    case noSchemas
    case toolFailed(status: Int32)

    var description: String {
        switch self {
        case .unexpectedArguments(let arguments):
            "unexpected arguments: \(arguments.joined(separator: " ")); usage: export-ddl [--target NAME] [--dialect postgresql|cockroachdb] [--output DIR]"
        case .unknownTarget(let name):
            "no target named '\(name)' in this package"
        case .unknownDialect(let dialect):
            "unknown dialect '\(dialect)'; the dialects are postgresql and cockroachdb"
        case .noSchemas:
            "no target of this package holds .schema files"
        case .toolFailed(let status):
            "athanor-generate ddl failed (exit status \(status)); its diagnostics are above"
        }
    }
}
