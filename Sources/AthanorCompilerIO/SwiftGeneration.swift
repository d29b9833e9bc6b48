import AthanorCompiler
import Foundation

/// Generating the Swift of some schemas into a folder: what `athanor generate` and the plugin's
/// `athanor-generate swift` both run, around ``AthanorCompiler/Compiler/generate(sources:options:)``.
public struct SwiftGeneration: Sendable {
    /// Schema files, or folders searched recursively for `.schema` files.
    public var paths: [String]
    /// The folder to write into (created if missing).
    public var output: String
    /// The folder generated file names are relative to (see ``AthanorCompiler/GenerationOptions/root``).
    public var root: String?
    /// Template files, each replacing the built-in template of the same file name.
    public var templates: [String]
    /// Whether to print nothing when all is well.
    public var quiet: Bool
    /// The migrations folder to embed in `AthanorSchema.migrations`, if any.
    public var migrations: String?

    /// Describes one generation.
    public init(paths: [String], output: String, root: String? = nil, templates: [String] = [], quiet: Bool = false,
                migrations: String? = nil) {
        self.paths = paths
        self.output = output
        self.root = root
        self.templates = templates
        self.quiet = quiet
        self.migrations = migrations
    }

    /// Reads the schemas and templates, generates, prints the diagnostics and writes the files
    /// whose content changed. Nothing is written when a schema has an error (status 1) or a path,
    /// a template or a file name is a problem (status 2).
    public func run() throws(CommandFailure) {
        let sources = try CompilerShell.load(paths)
        let overrides = try reportingInputErrors { () throws(InputError) in
            var overrides: [SourceFile] = []
            for path in templates { overrides.append(SourceFile(path: path, text: try TextFiles.read(path))) }
            return overrides
        }
        let embedded = try reportingInputErrors { () throws(InputError) in
            guard let migrations else { return [EmbeddedMigration]() }
            return try MigrationsDirectory.load(migrations).map { EmbeddedMigration(id: $0.id, sql: $0.sql) }
        }
        let options = GenerationOptions(root: root, workingDirectory: FileManager.default.currentDirectoryPath,
                                        templateOverrides: overrides, migrations: embedded)
        let result = try reportingInputErrors { () throws(InputError) in
            do throws(GenerationError) {
                return try Compiler.generate(sources: sources, options: options)
            } catch {
                throw InputError(description: error.message, location: error.location)
            }
        }
        StandardError.write(DiagnosticFormatter(sources: sources).format(result.diagnostics))
        guard !result.hasErrors else {
            StandardError.write(CompilerShell.summary(of: result.diagnostics, files: sources.count))
            throw .schemaErrors
        }
        let written = try reportingInputErrors { () throws(InputError) in try OutputFiles.write(result.files, into: output) }
        if !quiet {
            print("\(result.files.count) file\(result.files.count == 1 ? "" : "s") generated in \(output), \(written) changed")
        }
    }
}
