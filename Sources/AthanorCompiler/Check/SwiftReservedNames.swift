/// Names the generated Swift cannot give to a model, an enum or a field.
///
/// A model or enum becomes a type of the consumer's module, where it would shadow the runtime's
/// types and the standard ones the generated code names unqualified (`Column`, `Filter`, `UUID`,
/// ...). A field becomes a stored property and an initializer parameter, where `self` would
/// shadow `self`, `hashValue` would clash with `Hashable`'s, and `Type`, `Protocol`, `deinit`
/// and `_` cannot be written at all.
enum SwiftReservedNames {
    /// Type names used unqualified by the generated code, or that Swift reserves.
    static let typeNames: Set<String> = [
        // The runtime, as the generated code uses it.
        "Athanor", "AthanorError", "AthanorSchema", "BulkSource", "BulkStatement", "Column", "Columns",
        "ConnectionPool", "DatabaseExecutor", "Filter", "JSONB", "MatchKey", "Ordering", "PostgresArrayElement",
        "PostgresArrayLiteral", "PostgresCodable", "RecordNotFound", "RepositoryCore", "SQLDialect",
        "TableDescriptor",
        // Swift, the standard library and Foundation.
        "Any", "Array", "CaseIterable", "Codable", "Data", "Date", "Error", "Foundation", "FoundationEssentials",
        "Hashable", "Identifiable", "Int", "Never", "Optional", "Protocol", "Self", "Sendable", "Swift", "Type",
        "Void", "_",
    ]

    /// Contextual keywords that begin a type: `Column<some, Int32>` would not parse. Fields and
    /// enum cases may have these names; models and enums may not.
    static let typeKeywords: Set<String> = ["any", "some", "each", "borrowing", "consuming", "sending", "isolated"]

    /// Field names that cannot be stored properties and initializer parameters of the generated struct.
    /// (`hashValue` would make `Hashable`'s `hashValue` ambiguous.)
    static let fieldNames: Set<String> = ["self", "Self", "Type", "Protocol", "deinit", "_", "hashValue"]

    /// Whether a field named `name` would shadow a type inside the generated struct: one the
    /// generated code uses, a Swift type of a column, or a model or enum of the schema.
    static func fieldShadowsAType(_ name: String, symbols: SymbolTable) -> Bool {
        typeNames.contains(name) || columnTypeNames.contains(name)
            || symbols.model(named: name) != nil || symbols.enumeration(named: name) != nil
    }

    /// The Swift types of columns, which the generated struct names.
    static let columnTypeNames: Set<String> = [
        "String", "Int16", "Int32", "Int64", "Double", "Float", "Bool", "Decimal", "UUID", "Date", "Data", "JSONB",
    ]

    /// Enum case names that cannot be cases of the generated Swift enum (`allCases` would make
    /// `CaseIterable`'s `allCases` ambiguous).
    static let caseNames: Set<String> = ["_", "allCases"]
}
