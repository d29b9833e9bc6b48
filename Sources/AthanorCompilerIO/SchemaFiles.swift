import AthanorCompiler
import Foundation

/// Finds and reads the `.schema` files named on a command line.
public enum SchemaFiles {
    /// Reads every path: a file is taken as is (whatever its extension); a folder contributes every
    /// `.schema` file below it, recursively, sorted by path. The same file named twice is read once.
    /// Each source keeps its path as given, for diagnostics.
    public static func load(_ paths: [String]) throws(InputError) -> [SourceFile] {
        guard !paths.isEmpty else { throw InputError(description: "no schema files given; name .schema files or folders") }
        var seen: Set<String> = []
        var sources: [SourceFile] = []
        for path in paths {
            for file in try expand(path) where seen.insert(canonical(file)).inserted {
                sources.append(SourceFile(path: file, text: try TextFiles.read(file)))
            }
        }
        return sources
    }

    private static func expand(_ path: String) throws(InputError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(description: "no such file or folder: \(path)")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw InputError(description: "cannot read the folder \(path)")
        }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        let files = enumerator.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".schema") }
            .map { prefix + $0 }
            .filter { !isFolder($0) }
            .sorted()
        guard !files.isEmpty else {
            throw InputError(description: "no .schema files in the folder \(path)")
        }
        return files
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
