import AthanorCompiler
import AthanorCompilerIO

/// What one run of `athanor-generate` is asked to do, parsed by hand from its arguments (the
/// plugins are its only callers, so it carries no argument-parsing library).
enum ToolInvocation: Equatable {
    /// `swift --output DIR [--root DIR] [--template FILE]... [--quiet] SCHEMA...`: AthanorPlugin.
    case swift(paths: [String], output: String, root: String?, templates: [String], quiet: Bool, migrations: String?)
    /// `ddl --dialect postgresql|cockroachdb --output FILE SCHEMA...`: the export-ddl plugin.
    case ddl(paths: [String], dialect: SQLDialect, output: String)
    /// `migrate-diff NAME --migrations DIR [--allow-destructive] [--empty] SCHEMA...`: the
    /// `migrate-diff` command plugin.
    case migrateDiff(name: String, paths: [String], migrations: String, allowDestructive: Bool, empty: Bool)
    /// `--help`, `-h` or `help`.
    case help

    static let usage = """
        usage: athanor-generate swift --output DIR [--root DIR] [--template FILE]... [--migrations DIR] [--quiet] SCHEMA...
               athanor-generate ddl --dialect postgresql|cockroachdb --output FILE SCHEMA...
               athanor-generate migrate-diff NAME --migrations DIR [--allow-destructive] [--empty] SCHEMA...

        The code-generation tool that Athanor's plugins run: 'swift' writes the Swift of the schemas
        into DIR (one file per schema, named after its path below --root, and AthanorSchema.swift,
        which embeds the migrations of --migrations),
        'ddl' writes the DDL of one dialect to FILE, 'migrate-diff' the next migration into DIR. Use the athanor command for anything else.
        Exit status: 0 on success, 1 on schema errors, 2 for unreadable or unwritable paths, 64 for
        a wrong command line.
        """

    /// A command line this tool does not understand: printed with the usage, exit status 64.
    struct UsageError: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    /// Parses `arguments` (without the program's name). Options may come in any order, before or
    /// after the schemas; `--` ends the options.
    static func parse(_ arguments: [String]) throws(UsageError) -> ToolInvocation {
        guard let mode = arguments.first else { throw UsageError(description: "no mode given; the modes are swift, ddl and migrate-diff") }
        if ["--help", "-h", "help"].contains(mode) { return .help }
        if mode == "migrate-diff" { return try parseMigrateDiff(Array(arguments.dropFirst())) }
        var options: [String: [String]] = [:]
        var flags: Set<String> = []
        var paths: [String] = []
        let (valueOptions, flagOptions): (Set<String>, Set<String>) = switch mode {
        case "swift": (["--output", "--root", "--template", "--migrations"], ["--quiet"])
        case "ddl": (["--dialect", "--output"], [])
        default: throw UsageError(description: "unknown mode '\(mode)'; the modes are swift, ddl and migrate-diff")
        }
        var rest = arguments.dropFirst()[...]
        while let argument = rest.popFirst() {
            if argument == "--" {
                paths += rest
                break
            } else if ["--help", "-h"].contains(argument) {
                return .help
            } else if valueOptions.contains(argument) {
                guard let value = rest.popFirst() else { throw UsageError(description: "\(argument) needs a value") }
                options[argument, default: []].append(value)
            } else if flagOptions.contains(argument) {
                flags.insert(argument)
            } else if argument.hasPrefix("-") {
                throw UsageError(description: "unknown option '\(argument)' for \(mode)")
            } else {
                paths.append(argument)
            }
        }
        if paths.isEmpty { throw UsageError(description: "no schema files given") }
        for (option, values) in options where values.count > 1 && option != "--template" {
            throw UsageError(description: "\(option) is given \(values.count) times; give it once")
        }
        guard let output = options["--output"]?.first else { throw UsageError(description: "--output is required") }
        if mode == "swift" {
            return .swift(paths: paths, output: output, root: options["--root"]?.first,
                          templates: options["--template"] ?? [], quiet: flags.contains("--quiet"),
                          migrations: options["--migrations"]?.first)
        }
        guard let name = options["--dialect"]?.first else { throw UsageError(description: "--dialect is required") }
        guard let dialect = SQLDialect(rawValue: name) else {
            throw UsageError(description: "unknown dialect '\(name)'; the dialects are postgresql and cockroachdb")
        }
        return .ddl(paths: paths, dialect: dialect, output: output)
    }

    /// `migrate-diff NAME --migrations DIR [--allow-destructive] [--empty] SCHEMA...`.
    private static func parseMigrateDiff(_ arguments: [String]) throws(UsageError) -> ToolInvocation {
        var rest = arguments[...]
        var name: String?
        var migrations: String?
        var flags: Set<String> = []
        var paths: [String] = []
        while let argument = rest.popFirst() {
            switch argument {
            case "--": paths += rest; rest = []
            case "--migrations":
                guard let value = rest.popFirst() else { throw UsageError(description: "--migrations needs a value") }
                migrations = value
            case "--allow-destructive", "--empty": flags.insert(argument)
            default:
                if argument.hasPrefix("-") { throw UsageError(description: "unknown option '\(argument)' for migrate-diff") }
                if name == nil { name = argument } else { paths.append(argument) }
            }
        }
        guard let name, MigrationDiffWriting.isValidName(name) else {
            throw UsageError(description: "migrate-diff needs a name: letters, digits, '_' and '-'")
        }
        guard let migrations else { throw UsageError(description: "--migrations is required") }
        if paths.isEmpty { throw UsageError(description: "no schema files given") }
        return .migrateDiff(name: name, paths: paths, migrations: migrations, allowDestructive: flags.contains("--allow-destructive"),
                            empty: flags.contains("--empty"))
    }

    /// Does what the invocation asks; a failure is printed before it is thrown.
    func run() throws(CommandFailure) {
        switch self {
        case .swift(let paths, let output, let root, let templates, let quiet, let migrations):
            try SwiftGeneration(paths: paths, output: output, root: root, templates: templates, quiet: quiet,
                                migrations: migrations).run()
        case .ddl(let paths, let dialect, let output):
            let ddl = try DDLGeneration.ddl(of: paths, dialect: dialect)
            try reportingInputErrors { () throws(InputError) in try OutputFiles.write(ddl, to: output) }
        case .migrateDiff(let name, let paths, let migrations, let allowDestructive, let empty):
            try MigrationDiffWriting(name: name, paths: paths, migrations: migrations, allowDestructive: allowDestructive,
                                     empty: empty).run()
        case .help:
            print(Self.usage)
        }
    }
}
