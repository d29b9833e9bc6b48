/// The pieces ``RepositorySQL`` is made of.
struct RepositorySQLBuilder {
    /// A write statement in two halves around its source relation `u`.
    struct Split {
        /// The SQL before the source (`INSERT INTO users (...) SELECT u.id, ... FROM `).
        var head: String
        /// The SQL after it (` ON CONFLICT (email) DO UPDATE SET ... RETURNING ...`).
        var tail: String
    }

    let model: Model
    let catalog: Catalog
    /// The quoted table.
    let table: String
    /// Every column, quoted, comma-separated: what each statement returns.
    let returning: String
    /// Every column the caller supplies: all but `createdAt` and `updatedAt`.
    let sourceColumns: [Column]
    /// Whether bulk rows travel as `VALUES` rather than `unnest`: only when an array column's
    /// elements have no array-literal form in the runtime (timestamps). Other array columns
    /// travel through `unnest` as one array literal per row (`text`), cast back in SQL.
    let usesValues: Bool

    init(model: Model, catalog: Catalog) {
        self.model = model
        self.catalog = catalog
        table = SQLIdentifier.quoted(model.tableName)
        returning = model.columns.map { SQLIdentifier.quoted($0.sqlName) }.joined(separator: ", ")
        sourceColumns = model.columns.filter { $0.role == .primaryKey || $0.role == .field }
        usesValues = sourceColumns.contains { $0.type.isArray && $0.type.element == .scalar(.timestamp) }
    }

    func quoted(_ schemaName: String) -> String {
        SQLIdentifier.quoted(model.column(named: schemaName)?.sqlName ?? schemaName)
    }

    func quoted(_ column: Column) -> String { SQLIdentifier.quoted(column.sqlName) }

    var select: String { "SELECT \(returning) FROM \(table)" }

    /// `order_status` for an enum column, nil otherwise.
    func enumType(_ column: Column) -> String? {
        guard case .enumeration(let name) = column.type.element else { return nil }
        return SQLIdentifier.quoted(catalog.enumType(named: name)?.sqlName ?? SQLNaming.snakeCase(name))
    }

    /// `::order_status` or `::order_status[]` for enum columns (their parameters travel as text).
    func cast(_ column: Column) -> String {
        guard let name = enumType(column) else { return "" }
        return "::" + name + (column.type.isArray ? "[]" : "")
    }


    /// The SQL type of an element: `text`, `int8`, `order_status`.
    func elementType(_ column: Column) -> String {
        switch column.type.element {
        case .enumeration: enumType(column) ?? "text"
        case .scalar(let scalar): Self.wireName(scalar)
        }
    }

    /// The type of a column's parameter: `uuid`, `text` (enums, and array literals for `unnest`),
    /// `text[]` (arrays in `VALUES`).
    func wireType(_ column: Column) -> String {
        if column.type.isArray && !usesValues { return "text" }
        return rowType(column)
    }

    /// The type of a column's parameter when one row travels alone (`VALUES` of scalar
    /// parameters, the values of `encodeRow`): `uuid`, `text` (enums), `text[]` (arrays, as
    /// binary arrays; enum arrays as `text[]`).
    func rowType(_ column: Column) -> String {
        let element: String = switch column.type.element {
        case .enumeration: "text"
        case .scalar(let scalar): Self.wireName(scalar)
        }
        return column.type.isArray ? element + "[]" : element
    }

    /// How a statement reads a column of `u`: `u.email`, `u.status::order_status`,
    /// `u.tags::text[]` (an array literal cast back).
    func sourceValue(_ column: Column) -> String {
        if column.type.isArray && !usesValues { return "u.\(quoted(column))::\(elementType(column))[]" }
        return "u.\(quoted(column))\(cast(column))"
    }

    static func wireName(_ scalar: ScalarType) -> String {
        switch scalar {
        case .string: "text"
        case .int16: "int2"
        case .int32: "int4"
        case .int64: "int8"
        case .double: "float8"
        case .float: "float4"
        case .bool: "bool"
        case .decimal: "numeric"
        case .uuid: "uuid"
        case .timestamp: "timestamptz"
        case .bytes: "bytea"
        case .json: "jsonb"
        }
    }

    /// `SELECT ... FROM t WHERE a = $1 AND b = $2`.
    func find(_ key: MatchKey) -> String {
        let conditions = key.columns.enumerated().map { offset, name in
            let suffix = model.column(named: name).map(cast) ?? ""
            return "\(quoted(name)) = $\(offset + 1)\(suffix)"
        }
        return select + " WHERE " + conditions.joined(separator: " AND ")
    }

    /// The columns an insert takes from the caller: the source's, without a sequential `id`
    /// that the database assigns (`includingID: false`).
    func suppliedColumns(includingID: Bool) -> [Column] {
        sourceColumns.filter { $0.role != .primaryKey || includingID }
    }

    /// `INSERT INTO t (...) SELECT u.a, ..., now(), now() FROM ` and its tail, with `ON CONFLICT`
    /// when `conflict` is given.
    func insert(includingID: Bool, conflict: MatchKey?) -> Split {
        let supplied = suppliedColumns(includingID: includingID)
        var names = supplied.map(quoted)
        var values = supplied.map(sourceValue)
        for column in model.columns where column.role == .createdAt || column.role == .updatedAt {
            names.append(quoted(column))
            values.append("now()")
        }
        // A BigIntBase model without fields supplies no column: each row is all defaults.
        let head = names.isEmpty
            ? "INSERT INTO \(table) SELECT FROM "
            : "INSERT INTO \(table) (\(names.joined(separator: ", "))) SELECT \(values.joined(separator: ", ")) FROM "
        guard let conflict else { return .init(head: head, tail: " RETURNING \(returning)") }
        var assignments = model.columns
            .filter { $0.role == .field && !conflict.columns.contains($0.name) && !isVersion($0) && $0.defaultValue != .now }
            .map { "\(quoted($0)) = excluded.\(quoted($0))" }
        assignments += conflictAutomatic
        if assignments.isEmpty, let first = conflict.columns.first.map(quoted) { assignments = ["\(first) = excluded.\(first)"] }
        var tail = " " + conflictTarget(conflict) + " DO UPDATE SET " + assignments.joined(separator: ", ")
        if let condition = conflictCondition { tail += " " + condition }
        return .init(head: head, tail: tail + " RETURNING \(returning)")
    }

    /// `ON CONFLICT (a, b)`.
    func conflictTarget(_ key: MatchKey) -> String {
        "ON CONFLICT (\(key.columns.map(quoted).joined(separator: ", ")))"
    }

    /// Whether `column` is the model's `@version`.
    func isVersion(_ column: Column) -> Bool { column.name == model.versionColumn }

    /// The `@version` column, quoted.
    var versionColumn: String? { model.versionColumn.map(quoted) }

    /// What every update on an upsert's conflict sets: `updated_at = now()`, `version = "users".version + 1`.
    var conflictAutomatic: [String] {
        var set = model.columns.filter { $0.role == .updatedAt }.map { "\(quoted($0)) = now()" }
        if let version = versionColumn { set.append("\(version) = \(table).\(version) + 1") }
        return set
    }

    /// `WHERE "users".version = excluded.version` on a model with a `@version`.
    var conflictCondition: String? {
        versionColumn.map { "WHERE \(table).\($0) = excluded.\($0)" }
    }

    /// What every partial update sets: `updated_at = now()`, `version = version + 1`.
    var updateAutomatic: [String] {
        var set = model.columns.filter { $0.role == .updatedAt }.map { "\(quoted($0)) = now()" }
        if let version = versionColumn { set.append("\(version) = \(version) + 1") }
        return set
    }

    /// The relation `u` a write reads its rows from, in its forms: one row of scalar parameters
    /// in the types of ``rowType(_:)``, `unnest` of one array per column, or the alias after a
    /// `VALUES` list the runtime writes.
    struct Source {
        var alias: String
        var rowTypes: [String]
        var singleRow: String
        var unnest: String
    }

    /// The source of this model's writes (build it once per model).
    func source() -> Source {
        let alias = " AS u(" + sourceColumns.map(quoted).joined(separator: ", ") + ")"
        let rowTypes = sourceColumns.map(rowType)
        let row = "(" + rowTypes.enumerated().map { "$\($0.offset + 1)::\($0.element)" }.joined(separator: ", ") + ")"
        let arrays = sourceColumns.map(wireType).enumerated().map { "$\($0.offset + 1)::\($0.element)[]" }
        return Source(alias: alias, rowTypes: rowTypes, singleRow: "(VALUES " + row + ")" + alias,
                      unnest: "unnest(" + arrays.joined(separator: ", ") + ")" + alias)
    }

    /// `split` whole, around `source`: one row of scalar parameters (`single`), and every row
    /// (`bulk`): `unnest` of one array per column, or a `VALUES` list the runtime writes.
    func write(_ split: Split, _ source: Source) -> RepositorySQL.Write {
        let single = split.head + source.singleRow + split.tail
        guard !usesValues else {
            return .init(single: single, bulk: .values(head: split.head + "(VALUES", types: source.rowTypes, tail: ")" + source.alias + split.tail))
        }
        return .init(single: single, bulk: .unnest(split.head + source.unnest + split.tail))
    }

    /// `UPDATE t AS t SET a = u.a, ..., updated_at = now() FROM ` / ` WHERE t.id = u.id RETURNING t....`;
    /// with a `@version`: `version = t.version + 1` and `AND t.version = u.version`.
    var update: Split {
        var assignments = model.columns.filter { $0.role == .field && !isVersion($0) }.map { "\(quoted($0)) = \(sourceValue($0))" }
        assignments += model.columns.filter { $0.role == .updatedAt }.map { "\(quoted($0)) = now()" }
        if let version = versionColumn { assignments.append("\(version) = t.\(version) + 1") }
        let key = quoted(model.primaryKey.columns.first ?? "id")
        if assignments.isEmpty { assignments = ["\(key) = u.\(key)"] }
        let head = "UPDATE \(table) AS t SET \(assignments.joined(separator: ", ")) FROM "
        var condition = " WHERE t.\(key) = u.\(key)"
        if let version = versionColumn { condition += " AND t.\(version) = u.\(version)" }
        let tail = condition + " RETURNING " + model.columns.map { "t." + quoted($0) }.joined(separator: ", ")
        return .init(head: head, tail: tail)
    }
}
