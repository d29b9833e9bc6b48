extension Checker {
    /// The members generated for references (``RelationNames``) must not collide with each
    /// other or with a column of the model that gets them: each collision is an error at the
    /// `@references` that makes the later member, with a note at the first one.
    mutating func checkRelationMembers(models: [Model]) {
        var members: [String: [String: (what: String, range: SourceRange?)]] = [:]
        for model in models {
            var taken: [String: (what: String, range: SourceRange?)] = [:]
            for column in model.columns { taken[column.name] = ("the field '\(column.name)'", locationsByModel[model.name]?.name) }
            members[model.name] = taken
        }
        func claim(_ name: String, on model: String, what: String, at range: SourceRange?) {
            guard members[model] != nil else { return }
            if let first = members[model]?[name] {
                let notes = first.range.map { [Diagnostic.note("\(first.what) is here", at: $0)] } ?? []
                diagnostics.error("\(what) would be '\(name)' on '\(model)', which is \(first.what) already; rename it with "
                                  + "'@references(..., name: ...)' or 'inverse: ...'", at: range, notes: notes)
            } else {
                members[model]?[name] = (what, range)
            }
        }
        for model in models {
            for key in model.foreignKeys {
                let range = locationsByModel[model.name]?.references[key.column]
                claim(RelationNames.parent(key), on: model.name, what: "the member for the row '\(key.column)' references", at: range)
                claim(RelationNames.children(key, of: model), on: key.referencedModel,
                      what: "the member for the '\(model.name)' rows that reference it through '\(key.column)'", at: range)
            }
            if let (first, second) = RelationNames.joinReferences(of: model) {
                for (from, to) in [(first, second), (second, first)] {
                    claim(RelationNames.manyToMany(to: to), on: from.referencedModel,
                          what: "the many-to-many member through '\(model.name)'", at: locationsByModel[model.name]?.references[to.column])
                }
            }
        }
    }
}
