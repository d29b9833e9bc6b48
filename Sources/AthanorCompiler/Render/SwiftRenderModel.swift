/// The data the Swift templates render: names, types, flags and SQL text, computed here; the
/// templates hold all the Swift syntax, separators and layout, and escape text for string
/// literals (`{{% CONTENT_TYPE: SWIFT}}`, see `SwiftStringContent`).
struct SwiftFileContext {
    var sourceName: String
    var enums: [EnumContext]
    var models: [ModelContext]
}

struct EnumContext {
    struct Case {
        var docs: [String]
        /// The case as a Swift identifier (backticks for a keyword).
        var name: String
    }

    var docs: [String]
    var name: String
    var sqlName: String
    var cases: [Case]
}

struct ModelContext {
    /// A stored property, and the column it stores.
    struct Property {
        /// The schema's `///` lines; empty for a field without any.
        var docs: [String]
        /// The Swift identifier (backticks for a keyword).
        var name: String
        /// The Swift type, every name qualified (`Swift.String?`, `[Athanor.Date]`).
        var type: String
        /// The SQL column, for the generated doc line of a field without docs.
        var sqlName: String
        /// Whether it alone is a unique key.
        var isUniqueKey: Bool
        /// The model a foreign key on it references.
        var referencedModel: String?
    }

    /// A parameter of the initializer, in initializer order.
    struct Parameter {
        var name: String
        var type: String
        var defaultValue: SwiftDefault?
    }

    /// A typed column descriptor of `Columns`.
    struct ColumnDescriptor {
        var name: String
        /// The SQL column, quoted when it must be (`"order"`).
        var quotedName: String
        /// The schema's type, for the doc line (`[String]?`).
        var schemaType: String
        var valueType: String
        /// The SQL type a filter casts its parameter to (`order_status`, `mood[]`).
        var castType: String?
    }

    /// A match key: the primary key or a unique key.
    struct Key {
        /// A field of the key.
        struct Field {
            /// The schema name (`customerID`), for docs.
            var schemaName: String
            /// The Swift identifier, as parameter and argument.
            var name: String
            /// The Swift type, never optional (NULLs never match a unique key).
            var type: String
        }

        var caseName: String
        var constraint: String
        /// The constraint with its control characters visible, for doc lines.
        var visibleConstraint: String
        var isPrimaryKey: Bool
        var fields: [Field]
        var columns: [String]
        var positions: [Int]
        var find: String
        var upsert: Write
    }

    /// A write in its two forms (see `RepositorySQL.Write`).
    struct Write {
        /// Around a `VALUES` list of `types`.
        struct Values {
            var head: String
            var types: [String]
            var tail: String
        }

        var single: String
        var unnest: String?
        var values: Values?
    }

    /// A value of the initializer, read from a row.
    struct Decoded {
        var label: String
        var type: String
        var index: Int
    }

    /// A column of the source relation `u` (`id`, then the fields), as `encodeRow` and
    /// `encodeColumns` write it.
    struct Encoded {
        var name: String
        /// An array travels through `unnest` as one array literal per row.
        var isArray: Bool
        var isOptional: Bool
    }

    var docs: [String]
    /// The model's type name (`modelName`, so that sections of fields and columns, which have a
    /// `name` of their own, still reach it).
    var modelName: String
    /// The table, for doc lines (control characters visible).
    var tableName: String
    var primaryKeyType: String
    var properties: [Property]
    var parameters: [Parameter]
    var columns: [ColumnDescriptor]
    var keys: [Key]
    var uniqueKeys: [Key]
    /// The first field, for the `columns` doc example (`id` without fields).
    var firstColumn: String
    var get: String
    var select: String
    var selectWithTotal: String
    var count: String
    var exists: String
    var delete: String
    var deleteByID: String
    var deleteByIDs: String
    var insert: Write
    var update: Write
    var usesValues: Bool
    var decoded: [Decoded]
    var encoded: [Encoded]
    var copyTable: String
    var copyColumns: [String]
    var copySkipsID: Bool
}

/// The default of an initializer parameter: exactly one of these is set.
struct SwiftDefault {
    var isNil = false
    var isNewUUID = false
    var isNow = false
    var isEmptyArray = false
    /// An integer, a number or `true`/`false`, as written.
    var literal: String?
    /// A `Decimal` integer.
    var decimalInteger: String?
    /// A `Decimal` with a fraction, as written.
    var decimalText: String?
    var string: String?
    var json: String?
    var uuid: String?
    var enumCase: String?
}

struct SchemaContext {
    /// The schema files, as the "generated from" line names them.
    var sourceNames: [String]
    var modelNames: [String]
    var scripts: [ScriptContext]
}

/// The DDL of one dialect: its header's lines and its statements, each as its lines.
struct ScriptContext {
    struct Statement {
        var lines: [String]
    }

    /// The property that holds it (`postgresql`).
    var name: String
    var header: [String]
    var statements: [Statement]
}
