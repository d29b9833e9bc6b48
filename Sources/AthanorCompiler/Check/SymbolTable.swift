/// A model declaration and the file it is in.
struct DeclaredModel {
    var syntax: ModelSyntax
    var file: Int
}

/// An enum declaration and the file it is in.
struct DeclaredEnum {
    var syntax: EnumSyntax
    var file: Int
}

/// Every model and enum of a compilation by name, first declaration wins; duplicates are reported.
struct SymbolTable {
    private(set) var models: [DeclaredModel] = []
    private(set) var enums: [DeclaredEnum] = []
    private var modelsByName: [String: Int] = [:]
    private var enumsByName: [String: Int] = [:]
    /// The header of every model whose base resolved, by model name.
    var headers: [String: ModelHeader] = [:]

    init() {}

    init(files: [SchemaFileSyntax], diagnostics: inout DiagnosticCollector) {
        var firstDeclaration: [String: SourceRange] = [:]
        for file in files {
            for declaration in file.order {
                switch declaration {
                case .model(let index):
                    let model = file.models[index]
                    guard claim(model.name, kind: "model", in: &firstDeclaration, &diagnostics) else { continue }
                    modelsByName[model.name.name] = models.count
                    models.append(DeclaredModel(syntax: model, file: file.file))
                case .enumeration(let index):
                    let enumeration = file.enums[index]
                    guard claim(enumeration.name, kind: "enum", in: &firstDeclaration, &diagnostics) else { continue }
                    enumsByName[enumeration.name.name] = enums.count
                    enums.append(DeclaredEnum(syntax: enumeration, file: file.file))
                }
            }
        }
    }

    /// Records `name` as declared; reports it and returns false when it is taken or reserved.
    private func claim(_ name: Identifier, kind: String, in seen: inout [String: SourceRange],
                       _ diagnostics: inout DiagnosticCollector) -> Bool {
        if ScalarType(rawValue: name.name) != nil || BaseKind(rawValue: name.name) != nil {
            diagnostics.error("'\(name.name)' is a built-in name and cannot name \(kind == "enum" ? "an" : "a") \(kind)", at: name.range)
            return false
        }
        if SwiftReservedNames.typeNames.contains(name.name) {
            diagnostics.error("'\(name.name)' is a name the generated Swift reserves and cannot name \(kind == "enum" ? "an" : "a") \(kind); "
                              + "rename it" + keepTheTable(kind, name.name), at: name.range)
            return false
        }
        if SwiftNames.keywords.contains(name.name) || SwiftReservedNames.typeKeywords.contains(name.name) {
            diagnostics.error("'\(name.name)' is a Swift keyword and cannot name \(kind == "enum" ? "an" : "a") \(kind): "
                              + "the generated Swift type would not compile; rename it" + keepTheTable(kind, name.name),
                              at: name.range)
            return false
        }
        if let first = seen[name.name] {
            diagnostics.error("duplicate declaration of '\(name.name)'", at: name.range,
                              notes: [.note("'\(name.name)' is first declared here", at: first)])
            return false
        }
        seen[name.name] = name.range
        return true
    }

    /// For a model: how to keep its table name when renaming it.
    private func keepTheTable(_ kind: String, _ name: String) -> String {
        kind == "model" ? " (and keep its table with 'table \"\(SQLNaming.snakeCase(name))\"')" : ""
    }

    func model(named name: String) -> DeclaredModel? {
        modelsByName[name].map { models[$0] }
    }

    func enumeration(named name: String) -> DeclaredEnum? {
        enumsByName[name].map { enums[$0] }
    }

    var modelNames: [String] { models.map(\.syntax.name.name) }
    var enumNames: [String] { enums.map(\.syntax.name.name) }
}

/// What other models need to know about a model before its fields are checked.
struct ModelHeader {
    var base: BaseKind
    var tableName: String
}
