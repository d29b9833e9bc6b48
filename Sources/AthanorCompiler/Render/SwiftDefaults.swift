/// The Swift expression of a column's default in the generated initializer.
enum SwiftDefaults {
    /// ` = 0`, ` = nil`, ` = UUID()`; nil when the parameter has no default (the caller must pass it).
    static func expression(for column: Column) -> String? {
        switch column.role {
        case .createdAt, .updatedAt: return "Date()"
        case .primaryKey: return column.type.element == .scalar(.uuid) ? "UUID()" : "nil"
        case .field: break
        }
        guard let value = column.defaultValue else { return column.isOptional ? "nil" : nil }
        let scalar: ScalarType? = if case .scalar(let scalar) = column.type.element { scalar } else { nil }
        switch value {
        case .integer(let number):
            return scalar == .decimal ? "Decimal(\(number))" : String(number)
        case .number(let text):
            return scalar == .decimal ? "Decimal(string: \(SwiftNames.literal(text))) ?? 0" : text
        case .string(let text):
            switch scalar {
            case .json?: return "JSONB(json: \(SwiftNames.literal(text)))"
            case .uuid?: return "UUID(uuidString: \(SwiftNames.literal(text))) ?? UUID()"
            default: return SwiftNames.literal(text)
            }
        case .bool(let flag): return flag ? "true" : "false"
        case .emptyArray: return "[]"
        case .enumCase(let name): return "." + SwiftNames.identifier(name)
        case .now: return "Date()"
        case .generatedID: return column.type.element == .scalar(.uuid) ? "UUID()" : "nil"
        }
    }
}
