import AthanorCompiler
import Foundation

/// A problem with the command line's files (not with their contents): printed as
/// `error: message` and ending the tool with exit code 2.
struct InputError: Error, CustomStringConvertible {
    var description: String
    /// `path:line:column` of the problem, when it has one: printed as `path:line:column: error: ...`.
    var location: String?
}

/// Finds and reads the `.schema` files named on the command line.
enum SchemaFiles {
    /// Reads every path: a file is taken as is (whatever its extension); a folder contributes every
    /// `.schema` file below it, recursively, sorted by path. The same file named twice is read once.
    static func load(_ paths: [String]) throws(InputError) -> [SourceFile] {
        guard !paths.isEmpty else { throw InputError(description: "no schema files given; name .schema files or folders") }
        var seen: Set<String> = []
        var sources: [SourceFile] = []
        for path in paths {
            for file in try expand(path) where seen.insert(canonical(file)).inserted {
                sources.append(SourceFile(path: file, text: try read(file)))
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

    private static func read(_ path: String) throws(InputError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(description: "cannot read \(path)")
        }
        guard let text = String(bytes: data, encoding: .utf8) else {
            StandardError.write("warning: \(path) is not valid UTF-8; its invalid bytes are read as U+FFFD\n")
            return String(decoding: data, as: UTF8.self)
        }
        return text
    }
}

/// Writing to the standard error stream.
enum StandardError {
    static func write(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Runs `body`, turning an ``InputError`` into `error: ...` on stderr and exit code 2.
func reportingInputErrors<T>(_ body: () throws(InputError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        StandardError.write("\(error.location.map { "\($0): " } ?? "")error: \(error.description)\n")
        throw ExitCodeError.inputProblem
    }
}
