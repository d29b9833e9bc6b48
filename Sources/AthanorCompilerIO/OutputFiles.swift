import AthanorCompiler
import Foundation

/// Writing what the compiler produced to disk.
public enum OutputFiles {
    /// Writes each file into `folder` (created if missing) when its content differs from what is
    /// on disk, so unchanged outputs do not recompile; returns how many it wrote.
    public static func write(_ files: [OutputFile], into folder: String) throws(InputError) -> Int {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw InputError(description: "cannot create the folder \(folder): \(error.localizedDescription)")
        }
        var written = 0
        for file in files {
            let path = URL(fileURLWithPath: folder).appending(path: file.path).path
            if FileManager.default.contents(atPath: path) == Data(file.contents.utf8) { continue }
            try write(file.contents, to: path)
            written += 1
        }
        return written
    }

    /// Writes `text` to the file at `path`, replacing it whole (atomically).
    public static func write(_ text: String, to path: String) throws(InputError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputError(description: "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
