extension Checker {
    /// Common names from other languages, and what the schema language calls them.
    private static let typeAliases: [String: String] = [
        "Int": "Int64", "Integer": "Int64", "BigInt": "Int64", "Long": "Int64", "Short": "Int16",
        "Text": "String", "Str": "String", "Varchar": "String",
        "Date": "Timestamp", "DateTime": "Timestamp", "Timestamptz": "Timestamp",
        "Data": "Bytes", "ByteArray": "Bytes", "Bytea": "Bytes",
        "Boolean": "Bool", "Float64": "Double", "Float32": "Float", "Numeric": "Decimal", "Jsonb": "JSON",
    ]

    /// Resolves a written type against the built-in types and the enums of the compilation.
    mutating func resolveType(_ syntax: TypeSyntax) -> ColumnType? {
        let name = syntax.name.name
        let element: ElementType
        if let scalar = ScalarType(rawValue: name) {
            element = .scalar(scalar)
        } else if symbols.enumeration(named: name) != nil {
            element = .enumeration(name)
        } else if symbols.model(named: name) != nil {
            diagnostics.error("'\(name)' is a model, not a column type; store its id and declare the link: 'UUID @references(\(name))'",
                              at: syntax.name.range)
            return nil
        } else {
            let candidates = ScalarType.allCases.map(\.rawValue) + symbols.enumNames
            let suggestion = Self.typeAliases[name] ?? Suggestion.closest(to: name, among: candidates)
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.error("unknown type '\(name)'\(hint)", at: syntax.name.range)
            return nil
        }
        guard syntax.arrayDepth <= 1 else {
            diagnostics.error("nested arrays are not supported; use JSON for nested data", at: syntax.range)
            return nil
        }
        return ColumnType(element: element, isArray: syntax.arrayDepth == 1, isOptional: syntax.isOptional)
    }
}
