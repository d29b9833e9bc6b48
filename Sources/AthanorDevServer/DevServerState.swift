import Foundation

/// What `start` leaves in the server's folder (`state.json`) for `status`, `url` and `stop`.
struct DevServerState: Codable, Sendable {
    /// The loopback port the server listens on.
    var port: Int
    /// The URL to connect with (no password: the server trusts loopback).
    var url: String

    static func read(_ path: String) -> DevServerState? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(DevServerState.self, from: data)
    }

    func write(_ path: String) throws(DevServerError) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DevServerError("cannot write \(path): \(error)")
        }
    }
}
