import AthanorCompiler

/// Compiling what a command line names, and printing the diagnostics, as every command does.
public enum CompilerShell {
    /// The schemas at `paths` (files, or folders searched for `.schema` files); a problem with a
    /// path is printed and ends the command with status 2.
    public static func load(_ paths: [String]) throws(CommandFailure) -> [SourceFile] {
        try reportingInputErrors { () throws(InputError) in try SchemaFiles.load(paths) }
    }

    /// Compiles `sources` for `dialects` and prints the diagnostics on standard error.
    public static func compile(_ sources: [SourceFile], dialects: Set<SQLDialect>) -> CompilationResult {
        let result = Compiler.compile(sources: sources, options: CompilerOptions(dialects: dialects))
        StandardError.write(DiagnosticFormatter(sources: sources).format(result.diagnostics))
        return result
    }

    /// `2 files checked: no errors, 1 warning`, with a newline.
    public static func summary(of diagnostics: [Diagnostic], files: Int) -> String {
        let errors = diagnostics.count { $0.severity == .error }
        let warnings = diagnostics.count { $0.severity == .warning }
        return "\(files) file\(files == 1 ? "" : "s") checked: \(count(errors, "error")), \(count(warnings, "warning"))\n"
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number == 0 ? "no" : String(number)) \(noun)\(number == 1 ? "" : "s")"
    }
}
