/// One change of a migration, by SQL names: what ``SchemaDiffer`` finds and
/// ``MigrationRenderer`` writes in each dialect. Names are those in force when the change runs
/// (after the renames before it).
public enum SchemaChange: Sendable, Hashable {
    /// `CREATE TYPE name AS ENUM (...)`.
    case createEnum(name: String, values: [String])
    /// `ALTER TYPE name ADD VALUE 'value' AFTER 'previous'` (or `BEFORE 'next'` for a new first value).
    case addEnumValue(type: String, value: String, placement: EnumValuePlacement)
    /// `DROP TYPE name`, once nothing uses it.
    case dropEnum(name: String)
    /// `ALTER TABLE from RENAME TO to`.
    case renameTable(from: String, to: String)
    /// `ALTER TABLE table RENAME COLUMN from TO to`.
    case renameColumn(table: String, from: String, to: String)
    /// A primary key, unique or foreign key constraint renamed (its table or columns were).
    case renameConstraint(table: String, from: String, to: String, kind: ConstraintKind)
    /// An index renamed (its table or columns were).
    case renameIndex(table: String, from: String, to: String)
    /// `CREATE TABLE`, with the foreign keys whose referenced table exists by then.
    case createTable(name: String, table: SnapshotTable, inlineForeignKeys: [String])
    /// `DROP TABLE`: destructive.
    case dropTable(name: String)
    /// `ALTER TABLE ... ADD COLUMN`.
    case addColumn(table: String, column: String, definition: SnapshotColumn)
    /// `ALTER TABLE ... DROP COLUMN`: destructive.
    case dropColumn(table: String, column: String)
    /// `ALTER TABLE ... ALTER COLUMN ... TYPE`: destructive unless it widens.
    case alterColumnType(table: String, column: String, from: SnapshotType, to: SnapshotType)
    /// `ALTER TABLE ... ALTER COLUMN ... SET DEFAULT`.
    case setDefault(table: String, column: String, value: SnapshotDefault, type: SnapshotType)
    /// `ALTER TABLE ... ALTER COLUMN ... DROP DEFAULT`.
    case dropDefault(table: String, column: String)
    /// `UPDATE table SET column = default WHERE column IS NULL`, before a `SET NOT NULL` (data, not schema).
    case fillNulls(table: String, column: String, value: SnapshotDefault, type: SnapshotType)
    /// `ALTER TABLE ... ALTER COLUMN ... SET NOT NULL`.
    case setNotNull(table: String, column: String)
    /// `ALTER TABLE ... ALTER COLUMN ... DROP NOT NULL`.
    case dropNotNull(table: String, column: String)
    /// `ALTER TABLE ... ADD CONSTRAINT name UNIQUE (...)`.
    case addUnique(table: String, name: String, columns: [String])
    /// A unique constraint dropped.
    case dropUnique(table: String, name: String)
    /// `CREATE INDEX`.
    case createIndex(table: String, name: String, index: SnapshotIndex)
    /// `DROP INDEX`.
    case dropIndex(table: String, name: String)
    /// `ALTER TABLE ... ADD CONSTRAINT name FOREIGN KEY ...`.
    case addForeignKey(table: String, name: String, key: SnapshotForeignKey)
    /// `ALTER TABLE ... DROP CONSTRAINT name` of a foreign key.
    case dropForeignKey(table: String, name: String)

    /// Whether the change alters data rather than the schema (CockroachDB never mixes the two in
    /// one transaction).
    public var isData: Bool {
        if case .fillNulls = self { return true }
        return false
    }
}

/// Where a new enum value goes.
public enum EnumValuePlacement: Sendable, Hashable {
    /// After this existing value.
    case after(String)
    /// Before this existing value (the new value comes first).
    case before(String)
}

/// The kind of a renamed constraint.
public enum ConstraintKind: String, Sendable, Hashable {
    /// The primary key.
    case primaryKey
    /// A unique constraint.
    case unique
    /// A foreign key.
    case foreignKey
}

/// A change that can lose data or fail on existing rows, refused unless the user consents.
public struct DestructiveChange: Sendable, Hashable {
    /// The change.
    public var change: SchemaChange
    /// What it does to the data, in words: `drops the column 'users.nickname' and its values`.
    public var reason: String

    /// Creates a destructive change.
    public init(change: SchemaChange, reason: String) {
        self.change = change
        self.reason = reason
    }
}
