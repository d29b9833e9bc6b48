import Foundation

/// Paths inside the package checkout, found from this file's location (tests always run in it).
enum RepositoryFiles {
    /// The package root.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // AthanorCompilerTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// `Tests/AthanorCompilerTests/Golden` in the source tree: where `ATHANOR_RECORD_GOLDEN=1` writes.
    static let goldenSource = root.appending(path: "Tests/AthanorCompilerTests/Golden")

    /// `schemas/` at the package root.
    static let schemas = root.appending(path: "schemas")

    static func text(_ url: URL) throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    /// The `.schema` files under `folder`, sorted.
    static func schemaFiles(in folder: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects ?? []).compactMap { $0 as? URL }
            .filter { $0.pathExtension == "schema" }
            .sorted { $0.path < $1.path }
    }
}
