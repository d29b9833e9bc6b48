/// Names the generated Swift cannot give to a model, an enum or a field.
///
/// The generated code names every type it uses with its module (`Swift.String`, `Athanor.Column`,
/// `Athanor.Date`), so a model or a field may be called `Column`, `Date` or `Filter`, and a
/// field `Type` or `Any`. What remains: the two modules themselves, the nested names of the
/// generated code, and what a stored property cannot be.
enum SwiftReservedNames {
    /// Names a model or enum cannot take. A type named `Swift` or `Athanor` would shadow the module
    /// the generated code names its types with; inside a model's extension, `Columns`, `MatchKey`,
    /// `PrimaryKey` and `Identifiable`'s `ID` stand for the nested types of the generated code, not
    /// for a model or enum of that name; `AthanorSchema` is generated for the module.
    static let typeNames: Set<String> = [
        "Athanor", "Swift", "AthanorSchema", "Columns", "MatchKey", "PrimaryKey", "ID", "_",
    ]

    /// Contextual keywords that begin a type: `Column<some, Int32>` would not parse. Fields and
    /// enum cases may have these names; models and enums may not.
    static let typeKeywords: Set<String> = ["any", "some", "each", "borrowing", "consuming", "sending", "isolated"]

    /// Field names that cannot be stored properties of the generated struct: `self` and `_` cannot
    /// be written, `hashValue` would make `Hashable`'s ambiguous, and a property named `Swift` or
    /// `Athanor` would shadow the module in the generated code's expressions (`Athanor.Column(...)`).
    static let fieldNames: Set<String> = ["self", "_", "hashValue", "Swift", "Athanor"]

    /// Enum case names that cannot be cases of the generated Swift enum (`allCases` would make
    /// `CaseIterable`'s `allCases` ambiguous).
    static let caseNames: Set<String> = ["_", "allCases"]
}
