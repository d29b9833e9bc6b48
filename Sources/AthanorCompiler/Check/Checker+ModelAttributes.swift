/// What the `@@` attributes of one model declare.
struct ModelAttributes {
    var uniqueKeys: [MatchKey] = []
    var indexes: [TableIndex] = []
    /// The attribute of each index, in ``indexes`` order.
    var indexRanges: [SourceRange] = []
    /// `@@renamed(from: "Old")`.
    var renamedFrom: Renaming?
}

extension Checker {
    /// Checks `@@unique(...)` and `@@index(...)` against the model's columns (base columns included).
    mutating func checkModelAttributes(_ model: ModelSyntax, columns: [Column], table: String) -> ModelAttributes {
        var result = ModelAttributes()
        for attribute in model.attributes {
            switch attribute.name.name {
            case "unique":
                guard let names = checkColumnList(attribute, columns: columns, labels: []).columns else { continue }
                result.uniqueKeys.append(MatchKey(kind: .unique, constraintName: constraintName(
                    table, names, columns, "key"), columns: names))
            case "index":
                let list = checkColumnList(attribute, columns: columns, labels: ["hashSharded"])
                guard let names = list.columns else { continue }
                result.indexes.append(TableIndex(name: constraintName(table, names, columns, "idx"), columns: names,
                                            isHashSharded: list.isHashSharded == true,
                                            declaresHashSharding: list.isHashSharded != nil))
                result.indexRanges.append(attribute.range)
            case "renamed":
                if let first = result.renamedFrom {
                    diagnostics.error("duplicate attribute '@@renamed'", at: attribute.range,
                                      notes: [.note("first '@@renamed' here", at: first.range)])
                } else {
                    result.renamedFrom = checkRenamed(attribute, spelling: "@@renamed", current: model.name.name)
                }
            case "references":
                diagnostics.error("'@references' belongs on the field: 'customerID: UUID @references(User)'",
                                  at: attribute.range)
            default:
                let name = attribute.name.name
                diagnostics.error("unknown model attribute '@@\(name)'\(Suggestion.hint(for: name, among: ["unique", "index", "renamed"])) (model attributes: @@unique, @@index, @@renamed)",
                                  at: attribute.name.range)
            }
        }
        return result
    }

    /// `@renamed(from: "old")` / `@@renamed(from: "Old")`: one string argument labelled `from:`,
    /// a name other than the current one; `nil` on any error.
    mutating func checkRenamed(_ attribute: AttributeSyntax, spelling: String, current: String) -> Renaming? {
        guard attribute.arguments.count == 1, let argument = attribute.arguments.first,
              argument.label?.name == "from", case .string(let previous) = argument.value.kind else {
            diagnostics.error("'\(spelling)' takes the previous name as a string: '\(spelling)(from: \"oldName\")'",
                              at: attribute.range)
            return nil
        }
        guard !previous.isEmpty, previous != current else {
            diagnostics.error(previous.isEmpty ? "the previous name cannot be empty"
                              : "'\(spelling)(from: \"\(previous)\")' names the current name; remove it",
                              at: argument.value.range)
            return nil
        }
        return Renaming(from: previous, range: argument.value.range)
    }

    private func constraintName(_ table: String, _ names: [String], _ columns: [Column], _ suffix: String) -> String {
        var sqlNameByName: [String: String] = [:]
        for column in columns { sqlNameByName[column.name] = column.sqlName }
        let sqlNames = names.map { sqlNameByName[$0] ?? $0 }
        return SQLNaming.constraintName(table: table, columns: sqlNames, suffix: suffix)
    }

    /// The field names listed in `@@unique(a, b)` / `@@index(a, b, hashSharded: true)`; `nil` on any error.
    private mutating func checkColumnList(_ attribute: AttributeSyntax, columns: [Column],
                                          labels: Set<String>) -> (columns: [String]?, isHashSharded: Bool?) {
        var names: [String] = []
        var listed: Set<String> = []
        let known = Set(columns.map(\.name))
        var isHashSharded: Bool?
        var failed = false
        let kind = "@@\(attribute.name.name)"
        for argument in attribute.arguments {
            if let label = argument.label {
                switch (label.name, argument.value.kind) {
                case ("hashSharded", .identifier(let flag)) where labels.contains("hashSharded") && (flag == "true" || flag == "false"):
                    isHashSharded = flag == "true"
                case ("hashSharded", _) where labels.contains("hashSharded"):
                    diagnostics.error("'hashSharded:' takes true or false", at: argument.value.range)
                    failed = true
                default:
                    let accepted = labels.isEmpty ? "it takes only field names" : "it takes field names and 'hashSharded:'"
                    diagnostics.error("unknown argument '\(label.name)' of '\(kind)'; \(accepted)", at: label.range)
                    failed = true
                }
                continue
            }
            guard case .identifier(let name) = argument.value.kind else {
                diagnostics.error("expected a field name in '\(kind)', found \(argument.value.kind == .emptyArray ? "'[]'" : "a literal")",
                                  at: argument.value.range)
                failed = true
                continue
            }
            if !known.contains(name) {
                diagnostics.error("'\(kind)' names unknown field '\(name)'\(Suggestion.hint(for: name, among: columns.map(\.name)))",
                                  at: argument.value.range)
                failed = true
            } else if !listed.insert(name).inserted {
                diagnostics.error("'\(name)' is listed twice in '\(kind)'", at: argument.value.range)
                failed = true
            } else {
                names.append(name)
            }
        }
        if names.isEmpty, !failed {
            diagnostics.error("'\(kind)' needs at least one field: '\(kind)(a, b)'", at: attribute.range)
            failed = true
        }
        return (failed ? nil : names, isHashSharded)
    }
}
