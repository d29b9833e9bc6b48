/// The syntax tree: what the parser read, before any name is resolved.
///
/// Every node keeps the ``SourceRange`` of its text so the checker can point at it.

/// A name as written, with its place.
struct Identifier: Sendable, Hashable {
    var name: String
    var range: SourceRange
}

/// One parsed `.schema` file.
struct SchemaFileSyntax: Sendable, Hashable {
    var file: Int
    var models: [ModelSyntax] = []
    var enums: [EnumSyntax] = []
    /// Models and enums in the order they were written, as indexes into ``models`` and ``enums``.
    var order: [DeclarationReference] = []
}

/// Points at a declaration of a ``SchemaFileSyntax``.
enum DeclarationReference: Sendable, Hashable {
    case model(Int)
    case enumeration(Int)
}

/// `model Name: Base { ... }`.
struct ModelSyntax: Sendable, Hashable {
    var name: Identifier
    var base: Identifier?
    var documentation: String?
    var table: TableClauseSyntax?
    var fields: [FieldSyntax] = []
    var attributes: [AttributeSyntax] = []
    var keywordRange: SourceRange
}

/// `table "name"` inside a model.
struct TableClauseSyntax: Sendable, Hashable {
    var name: String
    var range: SourceRange
}

/// `name: Type = default @attribute(...)`.
struct FieldSyntax: Sendable, Hashable {
    var name: Identifier
    var type: TypeSyntax
    var defaultValue: ExpressionSyntax?
    var attributes: [AttributeSyntax] = []
    var documentation: String?
}

/// `Name`, `[Name]`, `Name?`, `[Name]?`. Nested arrays are parsed (and rejected by the checker).
struct TypeSyntax: Sendable, Hashable {
    var name: Identifier
    var arrayDepth: Int
    var isOptional: Bool
    var range: SourceRange
}

/// A literal or a bare name: a default value or an attribute argument.
struct ExpressionSyntax: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A bare name: `now`, `true`, `false`, an enum case, a model, `cascade`.
        case identifier(String)
        /// A string literal, escapes already decoded.
        case string(String)
        /// An integer literal as written, sign included (`-12`).
        case integer(String)
        /// A number with a fraction or an exponent, as written (`1.5`, `-0.25`).
        case float(String)
        /// `[]`.
        case emptyArray
    }

    var kind: Kind
    var range: SourceRange
}

/// `@name`, `@name(arguments)`, `@@name(arguments)`.
struct AttributeSyntax: Sendable, Hashable {
    var name: Identifier
    var arguments: [ArgumentSyntax]
    var range: SourceRange
}

/// An attribute argument: `value` or `label: value`.
struct ArgumentSyntax: Sendable, Hashable {
    var label: Identifier?
    var value: ExpressionSyntax
}

/// `enum Name { case ... }`.
struct EnumSyntax: Sendable, Hashable {
    var name: Identifier
    var documentation: String?
    var cases: [EnumCaseSyntax] = []
    var keywordRange: SourceRange
}

/// One case of an enum.
struct EnumCaseSyntax: Sendable, Hashable {
    var name: Identifier
    var documentation: String?
}
