/// The resolved, dialect-neutral model of a set of schema files: what every back end reads.
///
/// The checker builds it; nothing after the checker looks at schema text again. Models and enums
/// keep the order of the source files (sorted as given) and of the declarations inside them.
public struct Catalog: Sendable, Hashable {
    /// The display paths of the source files, in compilation order.
    public var sourceFiles: [String]
    /// Every enum of every file, in declaration order.
    public var enums: [EnumType]
    /// Every model of every file, in declaration order.
    public var models: [Model]

    /// Creates a catalog.
    public init(sourceFiles: [String], enums: [EnumType], models: [Model]) {
        self.sourceFiles = sourceFiles
        self.enums = enums
        self.models = models
    }

    /// The model called `name` (the schema name, such as `User`).
    public func model(named name: String) -> Model? {
        models.first { $0.name == name }
    }

    /// The enum called `name` (the schema name, such as `OrderStatus`).
    public func enumType(named name: String) -> EnumType? {
        enums.first { $0.name == name }
    }
}

/// An `enum` of the schema: a PostgreSQL/CockroachDB enum type and a Swift enum.
public struct EnumType: Sendable, Hashable {
    /// The schema name, such as `OrderStatus` (also the Swift type name).
    public var name: String
    /// The SQL type name, snake_case: `order_status`.
    public var sqlName: String
    /// The cases, in declaration order.
    public var cases: [EnumCase]
    /// The `///` comment above the declaration, without the slashes; lines joined with `\n`.
    public var documentation: String?
    /// The display path of the file that declares it.
    public var sourceFile: String

    /// Creates an enum type.
    public init(name: String, sqlName: String, cases: [EnumCase], documentation: String?, sourceFile: String) {
        self.name = name
        self.sqlName = sqlName
        self.cases = cases
        self.documentation = documentation
        self.sourceFile = sourceFile
    }
}

/// One case of an ``EnumType``.
public struct EnumCase: Sendable, Hashable {
    /// The name as written; it is both the Swift case name and the SQL label (`pending`).
    public var name: String
    /// The `///` comment above the case.
    public var documentation: String?

    /// Creates an enum case.
    public init(name: String, documentation: String?) {
        self.name = name
        self.documentation = documentation
    }
}
