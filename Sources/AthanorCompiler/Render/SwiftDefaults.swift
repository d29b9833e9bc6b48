/// The default of a column's parameter in the generated initializer, as data for the template.
enum SwiftDefaults {
    /// The default, or nil when the parameter has none (the caller must pass it).
    static func value(for column: Column) -> SwiftDefault? {
        switch column.role {
        case .createdAt, .updatedAt: return SwiftDefault(isNow: true)
        case .primaryKey: return column.type.element == .scalar(.uuid) ? SwiftDefault(isNewUUID: true) : SwiftDefault(literal: "nil")
        case .field: break
        }
        guard let value = column.defaultValue else { return column.isOptional ? SwiftDefault(literal: "nil") : nil }
        let scalar: ScalarType? = if case .scalar(let scalar) = column.type.element { scalar } else { nil }
        switch value {
        case .integer(let number):
            return scalar == .decimal ? SwiftDefault(decimalInteger: String(number)) : SwiftDefault(literal: String(number))
        case .number(let text):
            return scalar == .decimal ? SwiftDefault(decimalText: text) : SwiftDefault(literal: text)
        case .string(let text):
            switch scalar {
            case .json?: return SwiftDefault(json: text)
            case .uuid?: return SwiftDefault(uuid: text)
            default: return SwiftDefault(string: text)
            }
        case .bool(let flag): return SwiftDefault(literal: flag ? "true" : "false")
        case .emptyArray: return SwiftDefault(literal: "[]")
        case .enumCase(let name): return SwiftDefault(enumCase: SwiftNames.identifier(name))
        case .now: return SwiftDefault(isNow: true)
        case .generatedID: return column.type.element == .scalar(.uuid) ? SwiftDefault(isNewUUID: true) : SwiftDefault(literal: "nil")
        }
    }
}
