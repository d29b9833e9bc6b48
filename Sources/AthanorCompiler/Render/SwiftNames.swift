/// How catalog names and values are spelled in generated Swift.
enum SwiftNames {
    /// Swift's keywords: a property or case with one of these names is written in backticks.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self",
        "super", "throws", "true", "try", "async", "consume", "copy", "discard", "each", "borrowing",
        "consuming", "Type", "Protocol",
    ]

    /// `name`, or `` `name` `` when it is a keyword.
    static func identifier(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// `name` as an argument label in a call: only `inout` needs backticks there (swiftc warns that
    /// `let` and `var` do not).
    static func argumentLabel(_ name: String) -> String {
        name == "inout" ? "`inout`" : name
    }

    /// `UpperCamel` with a lower-case first letter: `Status` -> `status`.
    static func lowerFirst(_ name: String) -> String {
        name.prefix(1).lowercased() + name.dropFirst()
    }

    /// `lowerCamel` with an upper-case first letter: `customerID` -> `CustomerID`.
    static func upperFirst(_ name: String) -> String {
        name.prefix(1).uppercased() + name.dropFirst()
    }

    /// A Swift string literal of `text`: `"..."`, or a raw `#"..."#` when it holds `"` or `\`.
    static func literal(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            return "\"" + escapeControls(text) + "\""
        }
        var hashes = "#"
        while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
        return hashes + "\"" + escapeControls(text, hashes: hashes) + "\"" + hashes
    }

    private static func escapeControls(_ text: String, hashes: String = "") -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\\(hashes)n"
            case "\r": result += "\\\(hashes)r"
            case "\t": result += "\\\(hashes)t"
            case "\0": result += "\\\(hashes)0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\\(hashes)u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// The Swift type of an element: `String`, `Date`, `JSONB`, `OrderStatus`.
    static func elementType(_ element: ElementType) -> String {
        switch element {
        case .enumeration(let name): name
        case .scalar(let scalar):
            switch scalar {
            case .timestamp: "Date"
            case .bytes: "Data"
            case .json: "JSONB"
            default: scalar.rawValue
            }
        }
    }

    /// The Swift type of a column, without optionality: `[String]`.
    static func baseType(_ type: ColumnType) -> String {
        type.isArray ? "[\(elementType(type.element))]" : elementType(type.element)
    }

    /// The Swift type of a column: `[String]?`.
    static func type(_ type: ColumnType) -> String {
        type.isOptional ? baseType(type) + "?" : baseType(type)
    }

    /// `/// text` lines for a documentation comment (`///` alone for an empty line).
    static func docLines(_ documentation: String?) -> [String] {
        guard let documentation, !documentation.isEmpty else { return [] }
        return documentation.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.isEmpty ? "///" : "/// " + line
        }
    }
}
