/// The `@renamed(from:)` and `@@renamed(from:)` of a schema, by current names: the only renames a
/// diff makes (it never guesses one from a drop and an add).
public struct RenameDeclarations: Sendable, Hashable {
    /// `@@renamed(from:)`, by the model's current schema name.
    public var models: [String: Renaming]
    /// `@renamed(from:)`, by the model's current schema name, then the field's.
    public var fields: [String: [String: Renaming]]

    /// Creates rename declarations.
    public init(models: [String: Renaming] = [:], fields: [String: [String: Renaming]] = [:]) {
        self.models = models
        self.fields = fields
    }

    /// The renames a catalog declares.
    public init(catalog: Catalog) {
        var models: [String: Renaming] = [:]
        var fields: [String: [String: Renaming]] = [:]
        for model in catalog.models {
            if let renaming = model.renamedFrom { models[model.name] = renaming }
            for column in model.columns {
                if let renaming = column.renamedFrom { fields[model.name, default: [:]][column.name] = renaming }
            }
        }
        self.init(models: models, fields: fields)
    }
}
