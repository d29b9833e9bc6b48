import Foundation

/// Names and writes generated files (the rule the plugins' `SchemaInputs` follows too).
enum GeneratedFiles {
    /// `path` relative to `root` when it lies below it, otherwise its file name.
    static func relativePath(of path: String, root: String?) -> String {
        let file = URL(fileURLWithPath: path).standardizedFileURL.path
        if let root {
            let base = URL(fileURLWithPath: root).standardizedFileURL.path
            if file.hasPrefix(base + "/") { return String(file.dropFirst(base.count + 1)) }
        }
        return URL(fileURLWithPath: path).lastPathComponent
    }

    /// `schemas/Shop.schema` -> `schemas_Shop.swift`.
    static func swiftFileName(forSchemaAt relativePath: String) -> String {
        let stem = relativePath.hasSuffix(".schema") ? String(relativePath.dropLast(".schema".count)) : relativePath
        return stem.replacingOccurrences(of: "/", with: "_") + ".swift"
    }

    /// Writes each file whose content differs from what is on disk; returns how many it wrote.
    static func write(_ files: [(name: String, text: String)], into folder: String) throws(InputError) -> Int {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw InputError(description: "cannot create the folder \(folder): \(error.localizedDescription)")
        }
        var written = 0
        for file in files {
            let url = URL(fileURLWithPath: folder).appending(path: file.name)
            let data = Data(file.text.utf8)
            if FileManager.default.contents(atPath: url.path) == data { continue }
            do {
                try data.write(to: url, options: .atomic)
            } catch {
                throw InputError(description: "cannot write \(url.path): \(error.localizedDescription)")
            }
            written += 1
        }
        return written
    }
}
