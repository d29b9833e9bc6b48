extension Checker {
    /// A model or enum may not take the name of a repository the Swift back end generates for a
    /// model (`UserRepository`, `UserBlockingRepository`).
    mutating func checkRepositoryNames() {
        var repositories: [String: String] = [:]
        for declared in symbols.models {
            let name = declared.syntax.name.name
            repositories[name + "Repository"] = name
            repositories[name + "BlockingRepository"] = name
        }
        let declarations = symbols.models.map(\.syntax.name) + symbols.enums.map(\.syntax.name)
        for name in declarations {
            guard let model = repositories[name.name] else { continue }
            diagnostics.error("'\(name.name)' is the name of the generated repository of model '\(model)'; rename one of them",
                              at: name.range)
        }
    }

    /// Two models may not share a table.
    mutating func checkTableNames() {
        var tables: [String: (model: String, range: SourceRange)] = [:]
        for declared in symbols.models {
            let syntax = declared.syntax
            guard let header = symbols.headers[syntax.name.name] else { continue }
            let range = syntax.table?.range ?? syntax.name.range
            if let first = tables[header.tableName] {
                diagnostics.error("models '\(first.model)' and '\(syntax.name.name)' both use the table '\(header.tableName)'",
                                  at: range, notes: [.note("'\(first.model)' uses it here", at: first.range)])
            } else {
                tables[header.tableName] = (syntax.name.name, range)
            }
        }
    }

    /// Tables, indexes and unique or primary key constraints share one namespace in a PostgreSQL schema,
    /// and an enum type may not take a table's name (each table has a row type of its name).
    mutating func checkRelationNames(models: [Model], enums: [EnumType]) {
        var owners: [String: String] = [:]
        var distinctTables: [Model] = []
        for model in models where owners[model.tableName] == nil {
            owners[model.tableName] = "the table of model '\(model.name)'"
            distinctTables.append(model)
        }
        for enumType in enums {
            guard let owner = owners[enumType.sqlName] else { continue }
            let range = symbols.enumeration(named: enumType.name)?.syntax.name.range
            diagnostics.error("the SQL type '\(enumType.sqlName)' of enum '\(enumType.name)' has the name of \(owner); rename one of them",
                              at: range)
        }
        // Models that share a table are reported by checkTableNames; their constraints would only repeat it.
        for model in distinctTables {
            let named = [(model.primaryKey.constraintName, "primary key")]
                + model.uniqueKeys.map { ($0.constraintName, "unique key (\($0.columns.joined(separator: ", ")))") }
                + model.indexes.map { ($0.name, "index (\($0.columns.joined(separator: ", ")))") }
            for (name, what) in named {
                let description = "the \(what) of model '\(model.name)'"
                if let owner = owners[name] {
                    diagnostics.error("the SQL name '\(name)' of \(description) is already used by \(owner)",
                                      at: locationsByModel[model.name]?.name)
                } else {
                    owners[name] = description
                }
            }
        }
    }
}
