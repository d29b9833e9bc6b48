/// A column type in a ``SchemaSnapshot``: a built-in type or an enum type (by SQL name), maybe an
/// array. Written as one string: `String`, `[Int32]`, `enum order_status`, `[enum order_status]`.
public struct SnapshotType: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The element type.
    public enum Element: Sendable, Hashable {
        /// A built-in type.
        case scalar(ScalarType)
        /// An enum type, by SQL name (`order_status`).
        case enumeration(String)
    }

    /// The element type.
    public var element: Element
    /// Whether the column is a one-dimensional array of ``element``.
    public var isArray: Bool

    /// Creates a type.
    public init(element: Element, isArray: Bool = false) {
        self.element = element
        self.isArray = isArray
    }

    /// `String`, `[Int32]`, `enum order_status`.
    public var description: String {
        let element = switch element {
        case .scalar(let scalar): scalar.rawValue
        case .enumeration(let name): "enum " + name
        }
        return isArray ? "[\(element)]" : element
    }

    /// Reads the form ``description`` writes; `nil` for anything else.
    public init?(parsing text: String) {
        var body = Substring(text)
        let isArray = body.hasPrefix("[") && body.hasSuffix("]")
        if isArray { body = body.dropFirst().dropLast() }
        if body.hasPrefix("enum "), body.count > 5 {
            self.init(element: .enumeration(String(body.dropFirst(5))), isArray: isArray)
        } else if let scalar = ScalarType(rawValue: String(body)) {
            self.init(element: .scalar(scalar), isArray: isArray)
        } else {
            return nil
        }
    }

    /// Decodes the one-string form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let type = SnapshotType(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown column type '\(text)'"))
        }
        self = type
    }

    /// Encodes the one-string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A column default in a ``SchemaSnapshot``: a ``DefaultValue``, written as one string whose first
/// word is the kind: `integer 0`, `number 1.5`, `string EUR`, `bool true`, `emptyArray`,
/// `enum pending`, `now`, `generatedID`.
public struct SnapshotDefault: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The default.
    public var value: DefaultValue

    /// Wraps a default.
    public init(_ value: DefaultValue) {
        self.value = value
    }

    /// The one-string form.
    public var description: String {
        switch value {
        case .integer(let number): "integer \(number)"
        case .number(let text): "number " + text
        case .string(let text): "string " + text
        case .bool(let flag): "bool \(flag)"
        case .emptyArray: "emptyArray"
        case .enumCase(let name): "enum " + name
        case .now: "now"
        case .generatedID: "generatedID"
        }
    }

    /// Reads the form ``description`` writes; `nil` for anything else.
    public init?(parsing text: String) {
        let kind = text.prefix { $0 != " " }
        let rest = String(text.dropFirst(kind.count + 1))
        switch kind {
        case "integer": guard let number = Int64(rest) else { return nil }; value = .integer(number)
        case "number": value = .number(rest)
        case "string": value = .string(rest)
        case "bool": guard rest == "true" || rest == "false" else { return nil }; value = .bool(rest == "true")
        case "emptyArray": value = .emptyArray
        case "enum": value = .enumCase(rest)
        case "now": value = .now
        case "generatedID": value = .generatedID
        default: return nil
        }
    }

    /// Decodes the one-string form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = SnapshotDefault(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown default '\(text)'"))
        }
        self = value
    }

    /// Encodes the one-string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
