extension Checker {
    /// Checks that a default value fits its column's type, and types it.
    mutating func checkDefault(_ value: ExpressionSyntax, of type: ColumnType, field: String) -> DefaultValue? {
        if type.isArray || value.kind == .emptyArray {
            guard type.isArray else {
                diagnostics.error("'[]' is a default for array fields only, and '\(field)' is \(type)", at: value.range)
                return nil
            }
            guard value.kind == .emptyArray else {
                diagnostics.error("the default of the array field '\(field)' must be '[]'", at: value.range)
                return nil
            }
            return .emptyArray
        }
        switch type.element {
        case .enumeration(let name):
            return checkEnumDefault(value, enumName: name, field: field)
        case .scalar(let scalar):
            return checkScalarDefault(value, scalar: scalar, field: field)
        }
    }

    private mutating func checkEnumDefault(_ value: ExpressionSyntax, enumName: String, field: String) -> DefaultValue? {
        let cases = symbols.enumeration(named: enumName)?.syntax.cases.map(\.name.name) ?? []
        guard case .identifier(let caseName) = value.kind else {
            let example = cases.first.map { ", such as '\($0)'" } ?? ""
            diagnostics.error("the default of '\(field)' must be a case of \(enumName)\(example), written without quotes",
                              at: value.range)
            return nil
        }
        guard cases.contains(caseName) else {
            diagnostics.error("'\(caseName)' is not a case of \(enumName)\(Suggestion.hint(for: caseName, among: cases))",
                              at: value.range)
            return nil
        }
        return .enumCase(caseName)
    }

    private mutating func checkScalarDefault(_ value: ExpressionSyntax, scalar: ScalarType, field: String) -> DefaultValue? {
        switch (scalar, value.kind) {
        case (.string, .string(let text)):
            return .string(text)
        case (.json, .string(let text)):
            guard JSONValidator.isValid(text) else {
                diagnostics.error("the default of '\(field)' is not valid JSON", at: value.range)
                return nil
            }
            return .string(text)
        case (.uuid, .string(let text)):
            guard Self.isUUID(text) else {
                diagnostics.error("'\(text)' is not a UUID (write 8-4-4-4-12 hexadecimal digits)", at: value.range)
                return nil
            }
            return .string(text.lowercased())
        case (.bool, .identifier("true")):
            return .bool(true)
        case (.bool, .identifier("false")):
            return .bool(false)
        case (.timestamp, .identifier("now")):
            return .now
        case (_, .integer(let text)) where scalar.isInteger:
            return checkIntegerDefault(text, scalar: scalar, at: value.range)
        case (_, .integer(let text)) where scalar.isNumeric:
            return Int64(text).map(DefaultValue.integer) ?? .number(text)
        case (.double, .float(let text)), (.float, .float(let text)), (.decimal, .float(let text)):
            return .number(text)
        case (.bytes, _):
            diagnostics.error("a Bytes field cannot have a default", at: value.range)
            return nil
        default:
            diagnostics.error("cannot use \(Self.describe(value.kind)) as the default of '\(field)', which is \(scalar.rawValue)\(Self.expectedDefault(for: scalar))",
                              at: value.range)
            return nil
        }
    }

    private mutating func checkIntegerDefault(_ text: String, scalar: ScalarType, at range: SourceRange) -> DefaultValue? {
        let bounds: ClosedRange<Int64> = switch scalar {
        case .int16: Int64(Int16.min)...Int64(Int16.max)
        case .int32: Int64(Int32.min)...Int64(Int32.max)
        default: Int64.min...Int64.max
        }
        guard let number = Int64(text), bounds.contains(number) else {
            diagnostics.error("\(text) does not fit in \(scalar.rawValue)", at: range)
            return nil
        }
        return .integer(number)
    }

    private static func describe(_ kind: ExpressionSyntax.Kind) -> String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .string: "a string literal"
        case .integer(let text), .float(let text): "the number \(text)"
        case .emptyArray: "'[]'"
        }
    }

    private static func expectedDefault(for scalar: ScalarType) -> String {
        switch scalar {
        case .string, .json: " (write a string literal)"
        case .uuid: " (write a UUID string literal)"
        case .bool: " (write true or false)"
        case .timestamp: " (the only Timestamp default is 'now')"
        case .int16, .int32, .int64: " (write an integer)"
        case .double, .float, .decimal: " (write a number)"
        case .bytes: ""
        }
    }

    static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.utf8.allSatisfy { $0.hexDigitValue != nil } }
    }
}
