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
        /// The doc comment's lines: the schema's `///` lines, or one naming the column and its
        /// keys (`The `email` column (unique: a match key).`).
        var docs: [String]
        /// The Swift identifier (backticks for a keyword).
        var name: String
        /// The Swift type, every name qualified (`Swift.String?`, `[Athanor.Date]`).
        var type: String
    }

    /// A parameter of the initializer, in initializer order.
    struct Parameter {
        var name: String
        var type: String
        var defaultValue: SwiftDefault?
    }

    /// A typed column descriptor of `Columns`.
    struct ColumnDescriptor {
        /// Its doc line (`` `email`: String. ``).
        var doc: String
        var name: String
        /// The SQL column, quoted when it must be (`"order"`).
        var quotedName: String
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

        /// Its doc line (`The unique key `email` (`users_email_key`).`).
        var doc: String
        /// Its fields for a doc line: `` `customerID`, `externalRef` ``.
        var fieldList: String
        var caseName: String
        var constraint: String
        var isPrimaryKey: Bool
        var fields: [Field]
        var columns: [String]
        var positions: [Int]
        var find: String
        var upsert: Write
        /// The upsert's insert up to its source relation, for the upserts the runtime completes.
        var conflictInsert: Write
        /// `ON CONFLICT (email)`.
        var conflictTarget: String
        /// What every update on a conflict sets (the model's, repeated here for the template).
        var conflictAutomatic: [String]
        /// `WHERE "users".version = excluded.version`, with a `@version`.
        var conflictCondition: String?
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

    /// A value of the initializer, read from a row: its argument label, the property as a
    /// member (`written?.member`, backquoted where a keyword needs it), its type and column.
    struct Decoded {
        var label: String
        var member: String
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
    /// The table as SQL names it (`users`, `"order"`).
    var quotedTable: String
    var primaryKeyType: String
    var properties: [Property]
    /// The properties' identifiers, for the initializer's assignments and `encodeRow`.
    var propertyNames: [String]
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
    /// The identifiers of `encoded`, for `encodeRow`.
    var encodedNames: [String]
    var copyTable: String
    var copyColumns: [String]
    var copySkipsID: Bool
    /// `RETURNING <every column>`.
    var returning: String
    /// `UPDATE <table> SET`.
    var partialUpdateHead: String
    /// What every partial update sets.
    var partialUpdateAutomatic: [String]
    /// The `@version` property's identifier, if any.
    var versionField: String?
    /// The references this model holds (see `RelationSQL`).
    var parents: [Relation]
    /// The references to this model from others.
    var children: [Relation]
    /// The many-to-many relations through join models.
    var manyToMany: [Relation]

    /// A relation member: its names, the other model, and its statements.
    struct Relation {
        /// The member, a Swift identifier (`customer`, `orders`, `tags`).
        var name: String
        /// The loader of a parent relation (`customers`); the member itself otherwise.
        var loader: String
        /// The referencing field, a Swift identifier (`customerID`); none for many-to-many.
        var field: String
        /// The other model (`User`, `Order`, `Tag`).
        var model: String
        /// The statement that loads the related rows for an array of keys.
        var load: String
        /// The `EXISTS (...` head of a filter across the relation.
        var exists: String
    }
}

/// The default of an initializer parameter: exactly one of these is set.
struct SwiftDefault {
    var isNewUUID = false
    var isNow = false
    /// A literal as Swift writes it: an integer, a number, `true`, `false`, `nil`, `[]`.
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
    var migrations: [MigrationContext]
}

/// One embedded migration: its id and the file text of each dialect it has.
struct MigrationContext {
    struct DialectSQL {
        /// `postgresql`, `cockroachdb`: the `SQLDialect` case.
        var dialect: String
        var text: String
    }

    var id: String
    var scripts: [DialectSQL]
}

/// The DDL of one dialect: its header and its statements, each whole.
struct ScriptContext {
    /// The property that holds it (`postgresql`).
    var name: String
    var header: String
    var statements: [String]
}
