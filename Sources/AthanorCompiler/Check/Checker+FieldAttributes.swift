/// What the attributes of one field declare.
struct FieldAttributes {
    var isUnique = false
    /// `@version`: the field is the model's optimistic-concurrency version.
    var isVersion = false
    var foreignKey: (key: ForeignKey, range: SourceRange)?
    var renamedFrom: Renaming?
}

extension Checker {
    /// Checks `@unique`, `@references(...)` and `@renamed(from:)` on a field.
    mutating func checkFieldAttributes(_ field: FieldSyntax, column: Column, table: String) -> FieldAttributes {
        var result = FieldAttributes()
        var seen: [String: SourceRange] = [:]
        for attribute in field.attributes {
            let name = attribute.name.name
            if let first = seen[name] {
                diagnostics.error("duplicate attribute '@\(name)'", at: attribute.range,
                                  notes: [.note("first '@\(name)' here", at: first)])
                continue
            }
            seen[name] = attribute.range
            switch name {
            case "unique":
                if let argument = attribute.arguments.first {
                    diagnostics.error("'@unique' takes no arguments; for a composite key write '@@unique(a, b)' on its own line",
                                      at: argument.value.range)
                }
                result.isUnique = true
            case "version":
                if let argument = attribute.arguments.first {
                    diagnostics.error("'@version' takes no arguments", at: argument.value.range)
                } else if column.type != ColumnType(element: .scalar(.int64)) {
                    diagnostics.error("'@version' needs a non-optional Int64 field, not '\(column.type)'", at: attribute.range)
                } else {
                    result.isVersion = true
                }
            case "references":
                if let key = checkReference(attribute, column: column, table: table) {
                    result.foreignKey = (key, attribute.range)
                }
            case "renamed":
                result.renamedFrom = checkRenamed(attribute, spelling: "@renamed", current: field.name.name)
            case "index":
                diagnostics.error("indexes are declared on the model: write '@@index(\(field.name.name))' on its own line",
                                  at: attribute.range)
            default:
                diagnostics.error("unknown field attribute '@\(name)'\(Suggestion.hint(for: name, among: ["unique", "references", "renamed", "version"])) (field attributes: @unique, @references, @renamed, @version)",
                                  at: attribute.name.range)
            }
        }
        return result
    }

    private mutating func checkReference(_ attribute: AttributeSyntax, column: Column, table: String) -> ForeignKey? {
        var target: Identifier?
        var onDelete = ReferentialAction.noAction
        var names: [String: String] = [:]
        for argument in attribute.arguments {
            switch (argument.label?.name, argument.value.kind) {
            case (let label?, .identifier(let name)) where label == "name" || label == "inverse":
                guard name.first.map({ $0.isLowercase || $0 == "_" }) == true else {
                    diagnostics.error("'\(label):' names a generated member: write a lowerCamelCase name, not '\(name)'", at: argument.value.range)
                    return nil
                }
                names[label] = name
            case (nil, .identifier(let name)) where target == nil:
                target = Identifier(name: name, range: argument.value.range)
            case ("onDelete", .identifier(let action)):
                guard let parsed = ReferentialAction(rawValue: action) else {
                    let actions = ReferentialAction.allCases.map(\.rawValue)
                    diagnostics.error("unknown onDelete action '\(action)'\(Suggestion.hint(for: action, among: actions)) (actions: \(actions.joined(separator: ", ")))",
                                      at: argument.value.range)
                    return nil
                }
                onDelete = parsed
            case (let label?, _) where label != "onDelete":
                diagnostics.error("unknown argument '\(label)' of '@references'; it takes the model, 'onDelete:', 'name:' and 'inverse:'",
                                  at: argument.label?.range ?? argument.value.range)
                return nil
            default:
                diagnostics.error("unexpected argument; write '@references(Model, onDelete: cascade)'", at: argument.value.range)
                return nil
            }
        }
        guard let target else {
            diagnostics.error("'@references' needs the referenced model: '@references(User)'", at: attribute.range)
            return nil
        }
        var key = resolveReference(to: target, onDelete: onDelete, column: column, table: table)
        key?.name = names["name"]
        key?.inverseName = names["inverse"]
        return key
    }

    private mutating func resolveReference(to target: Identifier, onDelete: ReferentialAction, column: Column,
                                           table: String) -> ForeignKey? {
        guard symbols.model(named: target.name) != nil else {
            if symbols.enumeration(named: target.name) != nil {
                diagnostics.error("'\(target.name)' is an enum; '@references' needs a model", at: target.range)
            } else {
                diagnostics.error("reference to unknown model '\(target.name)'\(Suggestion.hint(for: target.name, among: symbols.modelNames))",
                                  at: target.range)
            }
            return nil
        }
        guard let header = symbols.headers[target.name] else { return nil }
        let idType = header.base.idType
        guard column.type.element == .scalar(idType), !column.type.isArray else {
            diagnostics.error("'\(column.name)' references \(target.name), whose id is \(idType.rawValue), so its type must be \(idType.rawValue) or \(idType.rawValue)?, not \(column.type)",
                              at: target.range)
            return nil
        }
        if onDelete == .setNull, !column.isOptional {
            diagnostics.error("'onDelete: setNull' needs an optional field; declare '\(column.name): \(idType.rawValue)?'",
                              at: target.range)
            return nil
        }
        return ForeignKey(column: column.name, referencedModel: target.name, referencedTable: header.tableName,
                          referencedColumn: "id", onDelete: onDelete,
                          constraintName: SQLNaming.constraintName(table: table, columns: [column.sqlName], suffix: "fkey"))
    }
}
