// This one file is compiled twice: into AthanorCompiler, and into the build plugins through the
// link Plugins/PluginsShared/GeneratedFileNames.swift, so the files AthanorPlugin declares to
// SwiftPM and the files the compiler generates follow one rule, written once. It must stay
// free of imports (the standard library only): the plugins cannot link the compiler.

/// The names of the Swift files generated for one target: one per schema, named after the schema's
/// path below the target's folder, and `AthanorSchema.swift`.
enum GeneratedFileNames {
    /// The file that holds `AthanorSchema`: the DDL of both dialects and `createTables(on:)`.
    static let schemaType = "AthanorSchema.swift"

    /// The Swift file generated from the schema at `relativePath`: path separators become `_`
    /// and `.schema` becomes `.swift` (`schemas/Shop.schema` gives `schemas_Shop.swift`, so two
    /// `Shop.schema` in different folders never give one name).
    static func swiftFile(forSchemaAt relativePath: String) -> String {
        let stem = relativePath.hasSuffix(".schema") ? String(relativePath.dropLast(".schema".count)) : relativePath
        return String(stem.map { $0 == "/" ? "_" : $0 }) + ".swift"
    }

    /// `path` relative to `root` when it lies below it, otherwise its file name. Both are compared
    /// after `.`, `..` and repeated `/` are resolved, a relative one against `workingDirectory`
    /// (no file is read: a symbolic link counts as the folder it sits in).
    static func relativePath(of path: String, below root: String?, workingDirectory: String? = nil) -> String {
        let file = components(of: path, workingDirectory: workingDirectory)
        if let root {
            let base = components(of: root, workingDirectory: workingDirectory)
            if file.isAbsolute == base.isAbsolute, file.parts.count > base.parts.count, file.parts.starts(with: base.parts) {
                return file.parts.dropFirst(base.parts.count).joined(separator: "/")
            }
        }
        return file.parts.last ?? path
    }

    /// Why the generated files cannot join the target's sources, one sentence each: two schemas
    /// that give one name (`a_b/C.schema` and `a/b_C.schema`), or a generated name that one of the
    /// target's own Swift files has (`Shop.swift` next to `Shop.schema`; SwiftPM names object files
    /// by file name and would only say "multiple producers"). `schemas` and `ownSwiftFiles` are
    /// paths relative to the target's folder. Empty when there is no conflict.
    static func conflicts(schemas: [String], ownSwiftFiles: [String] = []) -> [String] {
        var producers: [String: String] = [schemaType: "the generated \(schemaType)"]
        var conflicts: [String] = []
        for file in ownSwiftFiles {
            let name = file.split(separator: "/").last.map(String.init) ?? file
            if name == schemaType {
                conflicts.append("the target's own \(file) has the name of the generated \(schemaType); rename it")
            }
            producers[name] = "the target's own \(file)"
        }
        for schema in schemas {
            let name = swiftFile(forSchemaAt: schema)
            if let other = producers[name] {
                conflicts.append("\(schema) generates \(name), the file name of \(other); rename one of them")
            } else {
                producers[name] = schema
            }
        }
        return conflicts
    }

    private static func components(of path: String, workingDirectory: String?) -> (isAbsolute: Bool, parts: [String]) {
        let full = path.hasPrefix("/") ? path : workingDirectory.map { $0 + "/" + path } ?? path
        let isAbsolute = full.hasPrefix("/")
        var parts: [String] = []
        for part in full.split(separator: "/") where part != "." {
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !isAbsolute {
                    parts.append("..")
                }
            } else {
                parts.append(String(part))
            }
        }
        return (isAbsolute, parts)
    }
}
