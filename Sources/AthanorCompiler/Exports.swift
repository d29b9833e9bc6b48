// The SQL dialect, the identifier quoter and the naming rule are part of the compiler's API
// (`Compiler(dialects:)`, `CompilationResult.ddl`): `import AthanorCompiler` is enough.
@_exported import AthanorSQL
