import AthanorCompiler
import Testing

/// Reads a database's catalog (information_schema and pg_catalog) and compares it with a ``Catalog``.
struct CatalogProbe {
    let psql: PSQL
    let database: String
    let catalog: Catalog

    func verify(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try verifyTables()
        try verifyColumns()
        try verifyDefaults()
        try verifyConstraints()
        try verifyIndexes()
        try verifyEnums()
    }

    private func query(_ sql: String) throws -> [[String]] {
        try psql.rows(sql, database: database)
    }

    private func verifyTables() throws {
        let tables = try query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1").map { $0[0] }
        #expect(tables == catalog.models.map(\.tableName).sorted())
    }

    /// Name, type (`udt_name`), nullability, and whether a default or identity is there.
    private func verifyColumns() throws {
        let rows = try query("""
            SELECT table_name, column_name, udt_name, is_nullable, column_default IS NOT NULL OR is_identity = 'YES'
            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
            """)
        let actual = rows.map { $0.joined(separator: " ") }
        let expected = catalog.models.sorted { $0.tableName < $1.tableName }.flatMap { model in
            model.columns.map { column in
                [model.tableName, column.sqlName, udtName(column.type), column.isOptional ? "YES" : "NO",
                 column.defaultValue == nil ? "f" : "t"].joined(separator: " ")
            }
        }
        #expect(actual == expected)
    }

    /// The default expressions PostgreSQL stored: each names the catalog's value
    /// (`'EUR'::text`, `'pending'::order_status`, `now()`, `gen_random_uuid()`, `'{}'::text[]`).
    private func verifyDefaults() throws {
        let rows = try query("""
            SELECT table_name, column_name, coalesce(column_default, ''), is_identity
            FROM information_schema.columns WHERE table_schema = 'public'
            """)
        var stored: [String: (expression: String, isIdentity: Bool)] = [:]
        for row in rows where row.count == 4 { stored[row[0] + "." + row[1]] = (row[2], row[3] == "YES") }
        for model in catalog.models {
            for column in model.columns {
                guard let value = column.defaultValue, let actual = stored[model.tableName + "." + column.sqlName] else { continue }
                switch value {
                case .generatedID where column.type.element == .scalar(.int64):
                    #expect(actual.isIdentity, "\(model.tableName).\(column.sqlName) is not an identity column")
                case .number:
                    #expect(!actual.expression.isEmpty)
                default:
                    let expected = Self.storedForm(of: value)
                    #expect(actual.expression.contains(expected),
                            "\(model.tableName).\(column.sqlName): default \(actual.expression) does not contain \(expected)")
                }
            }
        }
    }

    private static func storedForm(of value: DefaultValue) -> String {
        switch value {
        case .integer(let number): String(number)
        case .number(let text): text
        case .string(let text): SQLIdentifier.stringLiteral(text)
        case .bool(let flag): flag ? "true" : "false"
        case .emptyArray: "'{}'"
        case .enumCase(let name): SQLIdentifier.stringLiteral(name)
        case .now: "now()"
        case .generatedID: "gen_random_uuid()"
        }
    }

    private func udtName(_ type: ColumnType) -> String {
        let element: String = switch type.element {
        case .enumeration(let name): catalog.enumType(named: name)?.sqlName ?? name
        case .scalar(let scalar): switch scalar {
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
        return type.isArray ? "_" + element : element
    }

    /// Every primary key, unique and foreign key constraint, by name, with its table, columns and ON DELETE.
    private func verifyConstraints() throws {
        let rows = try query("""
            SELECT c.conname, c.contype, c.conrelid::regclass::text,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ordinality) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ordinality)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
                   CASE WHEN c.contype = 'f' THEN c.confrelid::regclass::text || ' ' || c.confdeltype::text ELSE '' END
            FROM pg_constraint c WHERE c.connamespace = 'public'::regnamespace ORDER BY 1
            """)
        let actual = rows.map { $0.joined(separator: " ") }
        var expected: [String] = []
        for model in catalog.models {
            let table = SQLIdentifier.quoted(model.tableName)
            for key in model.matchKeys {
                expected.append([key.constraintName, key.kind == .primaryKey ? "p" : "u", table, sqlColumns(key.columns, in: model), ""].joined(separator: " "))
            }
            for key in model.foreignKeys {
                let action = switch key.onDelete {
                case .cascade: "c"
                case .restrict: "r"
                case .setNull: "n"
                case .noAction: "a"
                }
                expected.append([key.constraintName, "f", table, sqlColumns([key.column], in: model),
                                 SQLIdentifier.quoted(key.referencedTable) + " " + action].joined(separator: " "))
            }
        }
        #expect(actual == expected.sorted())
    }

    private func sqlColumns(_ names: [String], in model: Model) -> String {
        names.compactMap { model.column(named: $0)?.sqlName }.joined(separator: ",")
    }

    /// Every declared index exists on its table with its columns (plus those of the key constraints).
    private func verifyIndexes() throws {
        let rows = try query("""
            SELECT i.relname, t.relname,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ordinality) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ordinality)
                    JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relnamespace = 'public'::regnamespace ORDER BY 1
            """)
        let actual = rows.map { $0.joined(separator: " ") }
        let expected = catalog.models.flatMap { model in
            model.matchKeys.map { [$0.constraintName, model.tableName, sqlColumns($0.columns, in: model)].joined(separator: " ") }
                + model.indexes.map { [$0.name, model.tableName, sqlColumns($0.columns, in: model)].joined(separator: " ") }
        }
        #expect(actual == expected.sorted())
    }

    private func verifyEnums() throws {
        let rows = try query("""
            SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = 'public'::regnamespace
            GROUP BY t.typname ORDER BY 1
            """)
        let expected = catalog.enums.map { [$0.sqlName, $0.cases.map(\.name).joined(separator: ",")] }.sorted { $0[0] < $1[0] }
        #expect(rows == expected)
    }
}
