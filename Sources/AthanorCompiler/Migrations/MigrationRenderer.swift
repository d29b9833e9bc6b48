/// Writes the changes of a diff as one dialect's migration script.
///
/// - PostgreSQL: the whole migration runs in one transaction (its DDL is transactional), except
///   the new values of an enum that the same migration uses (a default, a fill of NULLs):
///   PostgreSQL refuses a value added in the open transaction, so each `ALTER TYPE ... ADD VALUE
///   IF NOT EXISTS` of that type is marked `-- athanor:no-transaction` and commits on its own
///   (the enum changes come first, so they commit before the migration's transaction begins).
/// - CockroachDB: every statement runs in its own transaction (one schema change per
///   transaction, never DDL and DML together) and is recorded as it succeeds; `USING HASH` for
///   hash-sharded indexes; one enum value per statement.
public struct MigrationRenderer: Sendable {
    /// The dialect to write.
    public let dialect: SQLDialect

    /// Creates a renderer.
    public init(dialect: SQLDialect) {
        self.dialect = dialect
    }

    /// The header comment of a generated migration file.
    public var header: String {
        switch dialect {
        case .postgresql:
            "-- Written by athanor migrate diff. Dialect: PostgreSQL.\n"
                + "-- Runs in one transaction; a statement marked athanor:no-transaction runs on its own, in file order."
        case .cockroachdb:
            "-- Written by athanor migrate diff. Dialect: CockroachDB.\n"
                + "-- Each statement runs in its own transaction (one schema change per transaction), recorded as it succeeds."
        }
    }

    /// The script of `changes`, in their order.
    public func script(for changes: [SchemaChange]) -> MigrationScript {
        let usedValues = Self.enumValuesUsed(by: changes)
        var statements: [MigrationStatement] = []
        for change in changes {
            let sql = statement(for: change)
            var isTransactional = true
            if dialect == .postgresql, case .addEnumValue(let type, _, _) = change, usedValues.contains(type) {
                isTransactional = false
            }
            statements.append(MigrationStatement(sql: sql, isTransactional: isTransactional))
        }
        return MigrationScript(header: header, statements: statements)
    }

    /// The enum types a new value of which a default or NULL fill of the changes uses.
    static func enumValuesUsed(by changes: [SchemaChange]) -> Set<String> {
        var added: Set<[String]> = []
        for case .addEnumValue(let type, let value, _) in changes { added.insert([type, value]) }
        var used: Set<String> = []
        func note(_ value: SnapshotDefault?, _ type: SnapshotType) {
            if case .enumCase(let name)? = value?.value, case .enumeration(let typeName) = type.element,
               added.contains([typeName, name]) {
                used.insert(typeName)
            }
        }
        for change in changes {
            switch change {
            case .createTable(_, let table, _): for column in table.columns.values { note(column.default, column.type) }
            case .addColumn(_, _, let column): note(column.default, column.type)
            case .setDefault(_, _, let value, let type), .fillNulls(_, _, let value, let type): note(value, type)
            default: break
            }
        }
        return used
    }

    private var sql: SnapshotSQL { SnapshotSQL(dialect: dialect) }

    /// One change's statement.
    public func statement(for change: SchemaChange) -> String {
        let q = SQLIdentifier.quoted
        switch change {
        case .createEnum(let name, let values):
            return "CREATE TYPE \(q(name)) AS ENUM (\(values.map(SQLIdentifier.stringLiteral).joined(separator: ", ")));"
        case .addEnumValue(let type, let value, let placement):
            let position = switch placement {
            case .after(let other): " AFTER " + SQLIdentifier.stringLiteral(other)
            case .before(let other): " BEFORE " + SQLIdentifier.stringLiteral(other)
            }
            return "ALTER TYPE \(q(type)) ADD VALUE IF NOT EXISTS \(SQLIdentifier.stringLiteral(value))\(position);"
        case .dropEnum(let name):
            return "DROP TYPE \(q(name));"
        case .renameTable(let from, let to):
            return "ALTER TABLE \(q(from)) RENAME TO \(q(to));"
        case .renameColumn(let table, let from, let to):
            return "ALTER TABLE \(q(table)) RENAME COLUMN \(q(from)) TO \(q(to));"
        case .renameConstraint(let table, let from, let to, let kind):
            if dialect == .cockroachdb, kind == .unique {
                return "ALTER INDEX \(q(table))@\(q(from)) RENAME TO \(q(to));"
            }
            return "ALTER TABLE \(q(table)) RENAME CONSTRAINT \(q(from)) TO \(q(to));"
        case .renameIndex(let table, let from, let to):
            return "ALTER INDEX \(indexReference(table, from)) RENAME TO \(q(to));"
        case .createTable(let name, let table, let inline):
            return sql.createTable(name, table, inlineForeignKeys: inline)
        case .dropTable(let name):
            return "DROP TABLE \(q(name));"
        case .addColumn(let table, let column, let definition):
            return "ALTER TABLE \(q(table)) ADD COLUMN \(q(column)) \(sql.definition(of: definition));"
        case .dropColumn(let table, let column):
            return "ALTER TABLE \(q(table)) DROP COLUMN \(q(column));"
        case .alterColumnType(let table, let column, let from, let to):
            let type = sql.typeName(to)
            return "ALTER TABLE \(q(table)) ALTER COLUMN \(q(column)) TYPE \(type) USING \(q(column))\(sql.cast(from: from, to: to));"
        case .setDefault(let table, let column, let value, let type):
            return "ALTER TABLE \(q(table)) ALTER COLUMN \(q(column)) SET DEFAULT \(sql.defaultExpression(value, type));"
        case .dropDefault(let table, let column):
            return "ALTER TABLE \(q(table)) ALTER COLUMN \(q(column)) DROP DEFAULT;"
        case .fillNulls(let table, let column, let value, let type):
            return "UPDATE \(q(table)) SET \(q(column)) = \(sql.defaultExpression(value, type)) WHERE \(q(column)) IS NULL;"
        case .setNotNull(let table, let column):
            return "ALTER TABLE \(q(table)) ALTER COLUMN \(q(column)) SET NOT NULL;"
        case .dropNotNull(let table, let column):
            return "ALTER TABLE \(q(table)) ALTER COLUMN \(q(column)) DROP NOT NULL;"
        case .addUnique(let table, let name, let columns):
            return "ALTER TABLE \(q(table)) ADD CONSTRAINT \(q(name)) UNIQUE (\(columns.map(q).joined(separator: ", ")));"
        case .dropUnique(let table, let name):
            if dialect == .cockroachdb { return "DROP INDEX \(q(table))@\(q(name)) CASCADE;" }
            return "ALTER TABLE \(q(table)) DROP CONSTRAINT \(q(name));"
        case .createIndex(let table, let name, let index):
            return sql.createIndex(name, on: table, index)
        case .dropIndex(let table, let name):
            return "DROP INDEX \(indexReference(table, name));"
        case .addForeignKey(let table, let name, let key):
            return "ALTER TABLE \(q(table)) ADD \(sql.foreignKeyConstraint(name, key));"
        case .dropForeignKey(let table, let name):
            return "ALTER TABLE \(q(table)) DROP CONSTRAINT \(q(name));"
        }
    }

    /// `name` on PostgreSQL (index names are per schema), `table@name` on CockroachDB.
    private func indexReference(_ table: String, _ name: String) -> String {
        dialect == .cockroachdb ? "\(SQLIdentifier.quoted(table))@\(SQLIdentifier.quoted(name))" : SQLIdentifier.quoted(name)
    }
}
