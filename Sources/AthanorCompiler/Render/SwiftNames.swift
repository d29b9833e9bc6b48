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

    /// `lowerCamel` with an upper-case first letter: `customerID` -> `CustomerID`.
    static func upperFirst(_ name: String) -> String {
        name.prefix(1).uppercased() + name.dropFirst()
    }

    /// The Swift type of an element, named with its module so that a model or a field of the
    /// same name cannot shadow it: `Swift.String`, `Athanor.Date`, `Athanor.JSONB`; a schema
    /// enum by its name (`OrderStatus`), a type of the generated module itself.
    static func elementType(_ element: ElementType) -> String {
        switch element {
        case .enumeration(let name): name
        case .scalar(let scalar):
            switch scalar {
            case .timestamp: "Athanor.Date"
            case .bytes: "Athanor.Data"
            case .json: "Athanor.JSONB"
            case .decimal: "Athanor.Decimal"
            case .uuid: "Athanor.UUID"
            default: "Swift." + scalar.rawValue
            }
        }
    }

    /// The Swift type of a column, without optionality: `[Swift.String]`.
    static func baseType(_ type: ColumnType) -> String {
        type.isArray ? "[\(elementType(type.element))]" : elementType(type.element)
    }

    /// The Swift type of a column: `[Swift.String]?`.
    static func type(_ type: ColumnType) -> String {
        type.isOptional ? baseType(type) + "?" : baseType(type)
    }

    /// The lines of a documentation comment, without the slashes (the templates write them),
    /// split at every character Swift ends a line with.
    static func docLines(_ documentation: String?) -> [String] {
        guard let documentation, !documentation.isEmpty else { return [] }
        return documentation.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            .map(String.init)
    }
}
