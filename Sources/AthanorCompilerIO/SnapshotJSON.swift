import AthanorCompiler
import Foundation

/// The text form of a ``SchemaSnapshot``: JSON with sorted keys, two-space indents and a final
/// newline, so the same schema always gives the same bytes and a change reads as a small diff.
public enum SnapshotJSON {
    /// The snapshot as text.
    public static func text(of snapshot: SchemaSnapshot) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(snapshot) else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a snapshot; a malformed one, or one of another format version, is an error that says which.
    public static func snapshot(from text: String, path: String) throws(InputError) -> SchemaSnapshot {
        let snapshot: SchemaSnapshot
        do {
            snapshot = try JSONDecoder().decode(SchemaSnapshot.self, from: Data(text.utf8))
        } catch {
            throw InputError(description: "\(path) is not a schema snapshot: \(error)")
        }
        guard snapshot.formatVersion == SchemaSnapshot.currentFormatVersion else {
            throw InputError(description: "\(path) has snapshot format \(snapshot.formatVersion); this athanor reads format \(SchemaSnapshot.currentFormatVersion)")
        }
        if let problem = snapshot.inconsistencies.first {
            throw InputError(description: "\(path) is not a consistent schema snapshot: \(problem)")
        }
        return snapshot
    }
}
