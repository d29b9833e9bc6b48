/// The compiled schema as a migration sees it: tables, columns, keys, indexes, foreign keys and
/// enum types, by their SQL names, with nothing else (no documentation, no Swift names but the
/// model and field names that renames refer to).
///
/// A migration folder keeps the snapshot of the schema after it (`snapshot.json`), so the next
/// diff compares with what was migrated, never with a guess; the runtime's drift check reads the
/// same shape back from `pg_catalog`. Every collection is keyed by name, so its JSON form (sorted
/// keys) is stable and diff-friendly:
///
/// ```json
/// { "formatVersion" : 1, "enums" : { "order_status" : { "name" : "OrderStatus", "values" : [ "pending", "paid" ] } },
///   "tables" : { "users" : { "model" : "User", "columns" : { "email" : { "field" : "email", "type" : "String", ... } } } } }
/// ```
public struct SchemaSnapshot: Sendable, Hashable, Codable {
    /// The version of this format; a snapshot of another version is refused, not misread.
    public static let currentFormatVersion = 1

    /// The format version the snapshot was written with.
    public var formatVersion: Int
    /// The enum types, by SQL type name (`order_status`).
    public var enums: [String: SnapshotEnum]
    /// The tables, by table name (`users`).
    public var tables: [String: SnapshotTable]

    /// Creates a snapshot of the current format.
    public init(enums: [String: SnapshotEnum] = [:], tables: [String: SnapshotTable] = [:]) {
        self.formatVersion = Self.currentFormatVersion
        self.enums = enums
        self.tables = tables
    }

    /// The empty schema: what a first migration starts from.
    public static let empty = SchemaSnapshot()
}

/// An enum type of a ``SchemaSnapshot``.
public struct SnapshotEnum: Sendable, Hashable, Codable {
    /// The schema name (`OrderStatus`).
    public var name: String
    /// The labels, in order.
    public var values: [String]

    /// Creates an enum type.
    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}

/// A table of a ``SchemaSnapshot``.
public struct SnapshotTable: Sendable, Hashable, Codable {
    /// The model's schema name (`User`), which `@@renamed(from:)` refers to.
    public var model: String
    /// The columns, by SQL name.
    public var columns: [String: SnapshotColumn]
    /// The primary key.
    public var primaryKey: SnapshotKey
    /// The unique constraints, by constraint name.
    public var uniqueKeys: [String: [String]]
    /// The indexes, by index name.
    public var indexes: [String: SnapshotIndex]
    /// The foreign keys, by constraint name.
    public var foreignKeys: [String: SnapshotForeignKey]

    /// Creates a table.
    public init(model: String, columns: [String: SnapshotColumn], primaryKey: SnapshotKey,
                uniqueKeys: [String: [String]] = [:], indexes: [String: SnapshotIndex] = [:],
                foreignKeys: [String: SnapshotForeignKey] = [:]) {
        self.model = model
        self.columns = columns
        self.primaryKey = primaryKey
        self.uniqueKeys = uniqueKeys
        self.indexes = indexes
        self.foreignKeys = foreignKeys
    }

    /// The column names in table order (``SnapshotColumn/position``, then name).
    public var orderedColumnNames: [String] {
        columns.sorted { ($0.value.position, $0.key) < ($1.value.position, $1.key) }.map(\.key)
    }
}

/// A column of a ``SnapshotTable``.
public struct SnapshotColumn: Sendable, Hashable, Codable {
    /// The field's schema name (`customerID`), which `@renamed(from:)` refers to.
    public var field: String
    /// The column's type, nullability aside.
    public var type: SnapshotType
    /// Whether the column accepts NULL.
    public var nullable: Bool
    /// The default, if any.
    public var `default`: SnapshotDefault?
    /// The place of the column in the model (0 is `id`), for the order of a `CREATE TABLE`; a
    /// database's order may differ (added columns come last) and is not compared.
    public var position: Int

    /// Creates a column.
    public init(field: String, type: SnapshotType, nullable: Bool, default: SnapshotDefault?, position: Int) {
        self.field = field
        self.type = type
        self.nullable = nullable
        self.default = `default`
        self.position = position
    }
}

/// A primary key: its constraint name and columns (SQL names, in key order).
public struct SnapshotKey: Sendable, Hashable, Codable {
    /// The constraint name (`users_pkey`).
    public var name: String
    /// The columns, SQL names, in key order.
    public var columns: [String]

    /// Creates a key.
    public init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

/// An index of a ``SnapshotTable``.
public struct SnapshotIndex: Sendable, Hashable, Codable {
    /// The columns, SQL names, in order.
    public var columns: [String]
    /// `USING HASH` on CockroachDB; a plain index on PostgreSQL.
    public var hashSharded: Bool

    /// Creates an index.
    public init(columns: [String], hashSharded: Bool) {
        self.columns = columns
        self.hashSharded = hashSharded
    }
}

/// A foreign key of a ``SnapshotTable``.
public struct SnapshotForeignKey: Sendable, Hashable, Codable {
    /// The referencing columns, SQL names.
    public var columns: [String]
    /// The referenced table.
    public var referencedTable: String
    /// The referenced columns.
    public var referencedColumns: [String]
    /// What a delete of the referenced row does.
    public var onDelete: ReferentialAction

    /// Creates a foreign key.
    public init(columns: [String], referencedTable: String, referencedColumns: [String], onDelete: ReferentialAction) {
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onDelete = onDelete
    }
}

extension ReferentialAction: Codable {}
