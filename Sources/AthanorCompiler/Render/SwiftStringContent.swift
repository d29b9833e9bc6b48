import Mustache

/// The content types of the templates: `{{value}}` is escaped for the inside of a Swift string
/// literal, `{{{value}}}` is written as it is (names, types, doc comment text). So the render
/// model holds plain text, and a default value, a doc comment or a statement holding `"`, `\` or
/// a line break cannot end a literal early.
///
/// - `{{% CONTENT_TYPE: SWIFT}}`: for `"..."`; a line break is written `\n`.
/// - `{{% CONTENT_TYPE: SWIFT_MULTILINE}}`: for a `"""` literal whose closing delimiter starts
///   its line, so the text needs no indentation; line breaks are kept.
struct SwiftStringContent: MustacheContentType {
    /// The pragma's name for single-line literals.
    static let singleLine = "SWIFT"
    /// The pragma's name for multi-line literals.
    static let multiline = "SWIFT_MULTILINE"

    /// Whether line breaks are kept (a multi-line literal) or escaped.
    let keepsLineBreaks: Bool

    /// `\` and `"` escaped, control characters as `\n`, `\t`, `\r`, `\0` or `\u{...}` (a line
    /// break kept in a multi-line literal), and a space that ends a line or the text as `\u{20}`
    /// (a layout pass that trims trailing spaces would drop it).
    func escapeText(_ text: String) -> String {
        // Most values (names, SQL without quoted identifiers) need nothing: one pass over the bytes.
        guard needsEscaping(text) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if pendingSpace {
                result += keepsLineBreaks && scalar == "\n" ? "\\u{20}" : " "
                pendingSpace = false
            }
            switch scalar {
            case " ": pendingSpace = true
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += keepsLineBreaks ? "\n" : "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        if pendingSpace { result += "\\u{20}" }
        return result
    }

    /// Whether `text` holds anything ``escapeText(_:)`` changes.
    private func needsEscaping(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), 0x7F: return true
            case 0x0A where keepsLineBreaks: if previous == UInt8(ascii: " ") { return true }
            case ..<0x20: return true
            default: break
            }
            previous = byte
        }
        return previous == UInt8(ascii: " ")
    }

    /// Makes both pragmas known to the template parser (idempotent).
    static func register() {
        MustacheContentTypes.register(SwiftStringContent(keepsLineBreaks: false), named: singleLine)
        MustacheContentTypes.register(SwiftStringContent(keepsLineBreaks: true), named: multiline)
    }
}
