import AthanorCompiler
import FuzzSupport

// Input: the text of one or more schema files, separated by the byte 0x1C (ASCII "file
// separator"), decoded as UTF-8 with replacement as the `athanor` tool reads files. Each input
// is compiled for both dialects; its diagnostics are formatted as the tool prints them; and when
// there is no error, the Swift of every file and the AthanorSchema file are generated.
//
// Properties (beyond "no crash, no hang"): every diagnostic and note points inside its own file;
// an error leaves no catalog and no DDL; no error gives the DDL of both dialects.

/// The built-in templates, parsed once.
let templates: SwiftTemplates? = try? SwiftTemplates()

func fuzzCompiler(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    let texts = input.split(separator: 0x1C, omittingEmptySubsequences: false).prefix(8)
    let sources = texts.enumerated().map { index, bytes in
        SourceFile(path: "fuzz\(index).schema", text: String(decoding: bytes, as: UTF8.self))
    }
    let result = Compiler.compile(sources: sources)

    for diagnostic in result.diagnostics {
        for item in [diagnostic] + diagnostic.notes {
            guard let range = item.range else {
                if item.severity == .error { propertyFailed("error without a location", item.message, input: input) }
                continue
            }
            guard sources.indices.contains(range.file), range.start >= 0, range.start <= range.end,
                  range.end <= sources[range.file].text.utf8.count
            else {
                propertyFailed("diagnostic outside its file", "\(range): \(item.message)", input: input)
                continue
            }
        }
    }
    _ = DiagnosticFormatter(sources: sources).format(result.diagnostics)

    if result.hasErrors {
        if result.catalog != nil || !result.ddl.isEmpty { propertyFailed("errors, yet output", "", input: input) }
        return 0
    }
    guard let catalog = result.catalog, result.ddl.count == 2 else {
        propertyFailed("no errors, yet no catalog or DDL", "", input: input)
        return 0
    }
    guard let templates else {
        propertyFailed("the built-in templates do not parse", "", input: input)
        return 0
    }
    let emitter = SwiftEmitter(catalog: catalog, templates: templates)
    for source in sources {
        _ = emitter.renderFile(for: source.path, named: source.path)
    }
    _ = emitter.renderSchema(sourceNames: sources.map(\.path))
    return 0
}
