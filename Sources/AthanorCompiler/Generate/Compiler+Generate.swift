extension Compiler {
    /// The generated Swift of `sources`, in memory: one file per schema file, named after its path
    /// below `options.root` (`schemas/Shop.schema` gives `schemas_Shop.swift`), and
    /// `AthanorSchema.swift` (the DDL of both dialects). It reads and writes no file; the
    /// `athanor generate` command and the plugins' `athanor-generate` tool are shells around it.
    ///
    /// ```swift
    /// let result = try Compiler.generate(sources: sources, options: GenerationOptions(root: "Sources/Shop"))
    /// print(DiagnosticFormatter(sources: sources).format(result.diagnostics))
    /// for file in result.files { write(file.contents, to: output + "/" + file.path) }
    /// ```
    ///
    /// Errors and warnings of the schemas are in the result's diagnostics (with no file when there
    /// is an error, and warnings of both dialects); a template override or file names that cannot
    /// work throw before the schemas are compiled.
    public static func generate(sources: [SourceFile], options: GenerationOptions = GenerationOptions()) throws(GenerationError) -> GenerationResult {
        let names = sources.map {
            GeneratedFileNames.relativePath(of: $0.path, below: options.root, workingDirectory: options.workingDirectory)
        }
        if let conflict = GeneratedFileNames.conflicts(schemas: names).first {
            throw GenerationError(message: conflict)
        }
        let templates = try templates(overriddenBy: options.templateOverrides)

        let compilation = compile(sources: sources, options: CompilerOptions(dialects: Set(SQLDialect.allCases)))
        guard let catalog = compilation.catalog, !compilation.hasErrors else {
            return GenerationResult(files: [], diagnostics: compilation.diagnostics)
        }
        let emitter = SwiftEmitter(catalog: catalog, templates: templates)
        var files = zip(sources, names).map { source, name in
            OutputFile(path: GeneratedFileNames.swiftFile(forSchemaAt: name), contents: emitter.renderFile(for: source.path, named: name))
        }
        files.append(OutputFile(path: GeneratedFileNames.schemaType, contents: emitter.renderSchema(sourceNames: names, migrations: options.migrations)))
        return GenerationResult(files: files, diagnostics: compilation.diagnostics)
    }

    /// The built-in templates with `overrides` in place; a problem in one is reported at its path.
    private static func templates(overriddenBy overrides: [SourceFile]) throws(GenerationError) -> SwiftTemplates {
        var texts: [String: String] = [:]
        var paths: [String: String] = [:]
        for template in overrides {
            texts[template.fileName] = template.text
            paths[template.fileName] = template.path
        }
        do {
            return try SwiftTemplates(overrides: texts)
        } catch {
            if let name = error.template, let path = paths[name], let line = error.line, let column = error.column {
                throw GenerationError(message: error.message, location: "\(path):\(line):\(column)")
            }
            throw GenerationError(message: error.description)
        }
    }
}
