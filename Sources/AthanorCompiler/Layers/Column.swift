/// One column of a model: a table column and a Swift property.
public struct Column: Sendable, Hashable {
    /// Which part of the model a column comes from.
    public enum Role: String, Sendable, Hashable {
        /// `id`, from the base.
        case primaryKey
        /// `createdAt`, from an audit base: set on insert, kept on update.
        case createdAt
        /// `updatedAt`, from an audit base: set on insert and on every update.
        case updatedAt
        /// A field the schema declares.
        case field
    }

    /// The schema name, which is also the Swift property name (`customerID`); it may be a Swift keyword.
    public var name: String
    /// The SQL column name, snake_case (`customer_id`); quote it with `SQLIdentifier.quoted(_:)`.
    public var sqlName: String
    /// The column's type.
    public var type: ColumnType
    /// The default the database applies when an insert leaves the column out.
    public var defaultValue: DefaultValue?
    /// Base column or declared field.
    public var role: Role
    /// The `///` comment above the field (base columns have a fixed description).
    public var documentation: String?
    /// `@renamed(from: "old")`: the field's previous schema name, for a migration.
    public var renamedFrom: Renaming?

    /// Creates a column.
    public init(name: String, sqlName: String, type: ColumnType, defaultValue: DefaultValue?, role: Role,
                documentation: String?, renamedFrom: Renaming? = nil) {
        self.name = name
        self.sqlName = sqlName
        self.type = type
        self.defaultValue = defaultValue
        self.role = role
        self.documentation = documentation
        self.renamedFrom = renamedFrom
    }

    /// Whether the column accepts NULL (`T?` in the schema).
    public var isOptional: Bool { type.isOptional }

    /// Whether an insert may leave the column out (the database then applies ``defaultValue``).
    public var hasDefault: Bool { defaultValue != nil }
}

/// A resolved column type: a scalar or an enum, maybe an array, maybe optional.
public struct ColumnType: Sendable, Hashable, CustomStringConvertible {
    /// The element type (the type itself when ``isArray`` is false).
    public var element: ElementType
    /// `[T]`: a one-dimensional SQL array.
    public var isArray: Bool
    /// `T?`: the column accepts NULL.
    public var isOptional: Bool

    /// Creates a column type.
    public init(element: ElementType, isArray: Bool = false, isOptional: Bool = false) {
        self.element = element
        self.isArray = isArray
        self.isOptional = isOptional
    }

    /// The type as the schema writes it: `[String]?`.
    public var description: String {
        let base = isArray ? "[\(element.schemaName)]" : element.schemaName
        return isOptional ? base + "?" : base
    }
}

/// A scalar type or a schema enum.
public enum ElementType: Sendable, Hashable {
    /// One of the built-in types.
    case scalar(ScalarType)
    /// An enum declared in the schema, by its schema name.
    case enumeration(String)

    /// The name the schema uses for the type.
    public var schemaName: String {
        switch self {
        case .scalar(let scalar): scalar.rawValue
        case .enumeration(let name): name
        }
    }
}

/// The built-in types of the schema language; the raw value is the schema spelling.
public enum ScalarType: String, Sendable, Hashable, CaseIterable {
    /// Text: `TEXT` / `STRING`.
    case string = "String"
    /// `SMALLINT` / `INT2`.
    case int16 = "Int16"
    /// `INTEGER` / `INT4`.
    case int32 = "Int32"
    /// `BIGINT` / `INT8`.
    case int64 = "Int64"
    /// `DOUBLE PRECISION` / `FLOAT8`.
    case double = "Double"
    /// `REAL` / `FLOAT4`.
    case float = "Float"
    /// `BOOLEAN` / `BOOL`.
    case bool = "Bool"
    /// Exact decimal: `NUMERIC` / `DECIMAL`; Foundation `Decimal` in Swift.
    case decimal = "Decimal"
    /// `UUID`.
    case uuid = "UUID"
    /// `timestamptz`; Foundation `Date` in Swift.
    case timestamp = "Timestamp"
    /// `bytea`; Foundation `Data` in Swift.
    case bytes = "Bytes"
    /// `jsonb`.
    case json = "JSON"

    /// Whether the type is one of the integer types.
    public var isInteger: Bool { self == .int16 || self == .int32 || self == .int64 }

    /// Whether the type takes a number literal as a default.
    public var isNumeric: Bool { isInteger || self == .double || self == .float || self == .decimal }
}

/// A column's default, as a typed value (never SQL text: each back end renders it).
public enum DefaultValue: Sendable, Hashable {
    /// An integer literal (`= 0`).
    case integer(Int64)
    /// A number with a fraction or exponent, as written in the schema (`= 1.5`), so `Decimal`
    /// keeps every digit.
    case number(String)
    /// A string literal, escapes decoded (`= "EUR"`); also a `JSON` or `UUID` default.
    case string(String)
    /// `= true` or `= false`.
    case bool(Bool)
    /// `= []`.
    case emptyArray
    /// `= pending`: a case of the column's enum.
    case enumCase(String)
    /// `= now`: the transaction's timestamp (and `createdAt`, `updatedAt`).
    case now
    /// The primary key: a random UUID, or the next number of a sequence/`unique_rowid()`.
    case generatedID
}
