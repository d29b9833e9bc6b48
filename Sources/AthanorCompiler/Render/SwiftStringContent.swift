import Mustache

/// The content type of the templates, `{{% CONTENT_TYPE: SWIFT}}`: `{{value}}` is escaped for the
/// inside of a Swift string literal (`"..."` or, one line at a time, `"""`), `{{{value}}}` is
/// written as it is (names, types, doc comment text). So the render model holds plain text, and
/// a default value, a doc comment or a statement holding `"`, `\` or a line break cannot end a
/// literal early.
struct SwiftStringContent: MustacheContentType {
    /// The pragma's name.
    static let name = "SWIFT"

    /// `\` and `"` escaped, control characters as `\n`, `\t`, `\r`, `\0` or `\u{...}`, and a
    /// final space as `\u{20}` (a layout pass that trims trailing spaces would drop it from a
    /// line of a multi-line literal).
    func escapeText(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
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
        if result.hasSuffix(" ") {
            result.removeLast()
            result += "\\u{20}"
        }
        return result
    }

    /// Makes `{{% CONTENT_TYPE: SWIFT}}` known to the template parser (idempotent).
    static func register() {
        MustacheContentTypes.register(SwiftStringContent(), named: name)
    }
}
