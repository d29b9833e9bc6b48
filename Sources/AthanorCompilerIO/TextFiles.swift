import Foundation

/// Reading one text file (a schema or a template) as UTF-8.
enum TextFiles {
    /// The text of `path`; invalid UTF-8 is read as U+FFFD, with a warning on standard error.
    static func read(_ path: String) throws(InputError) -> String {
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
