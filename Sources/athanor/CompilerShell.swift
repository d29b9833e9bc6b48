import ArgumentParser
import AthanorCompiler

/// A dialect on the command line.
enum DialectOption: String, ExpressibleByArgument, CaseIterable {
    case postgresql
    case cockroachdb

    var dialect: SQLDialect {
        switch self {
        case .postgresql: .postgresql
        case .cockroachdb: .cockroachdb
        }
    }
}

/// The tool's exit codes: 0 success, 1 errors in the schemas (or DDL drift), 2 bad files or folders.
enum ExitCodeError {
    static let schemaErrors = ExitCode(1)
    static let inputProblem = ExitCode(2)
}

/// Compiles and prints the diagnostics, as `check` and `ddl` both do.
enum CompilerShell {
    static func compile(_ sources: [SourceFile], dialects: Set<SQLDialect>) -> CompilationResult {
        let result = Compiler.compile(sources: sources, options: CompilerOptions(dialects: dialects))
        StandardError.write(DiagnosticFormatter(sources: sources).format(result.diagnostics))
        return result
    }

    static func summary(of result: CompilationResult, files: Int) -> String {
        let errors = result.diagnostics.count { $0.severity == .error }
        let warnings = result.diagnostics.count { $0.severity == .warning }
        return "\(files) file\(files == 1 ? "" : "s") checked: \(count(errors, "error")), \(count(warnings, "warning"))\n"
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number == 0 ? "no" : String(number)) \(noun)\(number == 1 ? "" : "s")"
    }
}
