import AthanorCompiler

/// The DDL of some schemas for one dialect: what `athanor ddl` and the export-ddl plugin's
/// `athanor-generate ddl` both compute.
public enum DDLGeneration {
    /// Reads and compiles the schemas at `paths` and prints the diagnostics; the DDL of `dialect`,
    /// or, when a schema has an error, a summary printed and status 1.
    public static func ddl(of paths: [String], dialect: SQLDialect) throws(CommandFailure) -> String {
        let sources = try CompilerShell.load(paths)
        let result = CompilerShell.compile(sources, dialects: [dialect])
        guard !result.hasErrors, let ddl = result.ddl[dialect] else {
            StandardError.write(CompilerShell.summary(of: result.diagnostics, files: sources.count))
            throw .schemaErrors
        }
        return ddl
    }
}
