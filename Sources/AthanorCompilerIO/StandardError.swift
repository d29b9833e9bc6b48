import Foundation

/// Writing to the standard error stream, where diagnostics and problems go.
public enum StandardError {
    /// Writes `text` as is (nothing when it is empty).
    public static func write(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
