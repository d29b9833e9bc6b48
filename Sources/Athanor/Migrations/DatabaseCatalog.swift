/// A database's schema as its catalog describes it, in a form two databases can be compared in:
/// each table's columns (type, `NOT NULL`, default or identity), constraints
/// (`pg_get_constraintdef`) and other indexes (`pg_get_indexdef` without the name), and each
/// enum's labels in order. Sequences and column order are left out (a migrated table keeps its
/// added columns last), and so are CockroachDB's hidden columns (`rowid`, `crdb_internal_*`
/// shard and region columns) and the migration tables.
public struct DatabaseCatalog: Sendable, Hashable {
    /// A table's shape.
    public struct Table: Sendable, Hashable {
        /// Column name -> `text NOT NULL DEFAULT 'x'::text`.
        public var columns: [String: String]
        /// Constraint name -> `UNIQUE (email)`, `FOREIGN KEY (a) REFERENCES b(id) ON DELETE CASCADE`.
        public var constraints: [String: String]
        /// Index name (indexes that back no constraint) -> `USING btree (created_at)`.
        public var indexes: [String: String]

        /// Creates a table shape.
        public init(columns: [String: String] = [:], constraints: [String: String] = [:], indexes: [String: String] = [:]) {
            self.columns = columns
            self.constraints = constraints
            self.indexes = indexes
        }
    }

    /// Enum type name -> its labels, in order.
    public var enums: [String: [String]]
    /// Table name -> its shape.
    public var tables: [String: Table]

    /// Creates a catalog.
    public init(enums: [String: [String]] = [:], tables: [String: Table] = [:]) {
        self.enums = enums
        self.tables = tables
    }

    /// What differs from `expected`, object by object, one line each, sorted:
    /// `table users: column nickname: missing (expected: text)`.
    public func differences(from expected: DatabaseCatalog) -> [String] {
        var lines: [String] = []
        compare(enums.mapValues { $0.joined(separator: ", ") }, expected.enums.mapValues { $0.joined(separator: ", ") },
                label: { "enum \($0)" }, into: &lines)
        for name in Set(tables.keys).union(expected.tables.keys).sorted() {
            switch (tables[name], expected.tables[name]) {
            case (nil, _?): lines.append("table \(name): missing")
            case (_?, nil): lines.append("table \(name): not in the schema")
            case (let actual?, let wanted?):
                compare(actual.columns, wanted.columns, label: { "table \(name): column \($0)" }, into: &lines)
                compare(actual.constraints, wanted.constraints, label: { "table \(name): constraint \($0)" }, into: &lines)
                compare(actual.indexes, wanted.indexes, label: { "table \(name): index \($0)" }, into: &lines)
            case (nil, nil): break
            }
        }
        return lines
    }

    private func compare(_ actual: [String: String], _ expected: [String: String], label: (String) -> String,
                         into lines: inout [String]) {
        for key in Set(actual.keys).union(expected.keys).sorted() {
            switch (actual[key], expected[key]) {
            case (nil, let wanted?): lines.append("\(label(key)): missing (expected: \(wanted))")
            case (let found?, nil): lines.append("\(label(key)): not in the schema (found: \(found))")
            case (let found?, let wanted?) where found != wanted: lines.append("\(label(key)): \(found) (expected: \(wanted))")
            default: break
            }
        }
    }
}
