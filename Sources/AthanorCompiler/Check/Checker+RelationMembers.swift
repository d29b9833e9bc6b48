extension Checker {
    /// The members generated for references (``RelationNames``) must not collide with each
    /// other or with a column of the model that gets them: each collision is an error at the
    /// `@references` that makes the later member, with a note at the first one.
    mutating func checkRelationMembers(models: [Model]) {
        var members: [String: [String: (what: String, range: SourceRange?)]] = [:]
        for model in models {
            var taken: [String: (what: String, range: SourceRange?)] = [:]
            for column in model.columns {
                // A base column (`id`, `createdAt`) has no field line: its note points at the model.
                let range = locationsByModel[model.name]?.fields[column.name] ?? locationsByModel[model.name]?.name
                taken[column.name] = ("the field '\(column.name)'", range)
            }
            members[model.name] = taken
        }
        // The loaders on each model's repository: `customers(for:)`, `orders(for:)`, `tags(for:)`.
        var loaders: [String: [String: String]] = [:]
        func claimLoader(_ name: String, on model: String, what: String, at range: SourceRange?) {
            if let first = loaders[model]?[name] {
                diagnostics.error("\(what) would load with '\(name)(for:)' on '\(model)Repository', as \(first) does already; rename one "
                                  + "with '@references(..., name: ...)' or 'inverse: ...'", at: range)
            } else {
                loaders[model, default: [:]][name] = what
            }
        }
        /// Claims the member `name` on `model`; false (and an error) when it cannot have it.
        func claim(_ name: String, on model: String, what: String, at range: SourceRange?) -> Bool {
            guard members[model] != nil else { return false }
            if SwiftReservedNames.fieldNames.contains(name) {
                diagnostics.error("\(what) would be '\(name)' on '\(model)', which cannot name a generated member; rename it with "
                                  + "'@references(..., name: ...)' or 'inverse: ...'", at: range)
                return false
            }
            if let first = members[model]?[name] {
                let notes = first.range.map { [Diagnostic.note("\(first.what) is here", at: $0)] } ?? []
                diagnostics.error("\(what) would be '\(name)' on '\(model)', which is \(first.what) already; rename it with "
                                  + "'@references(..., name: ...)' or 'inverse: ...'", at: range, notes: notes)
                return false
            }
            members[model]?[name] = (what, range)
            return true
        }
        let modelsByName = Dictionary(models.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for model in models {
            for key in model.foreignKeys {
                let range = locationsByModel[model.name]?.references[key.column]
                let parentWhat = "the member for the row '\(key.column)' references"
                if claim(RelationNames.parent(key), on: model.name, what: parentWhat, at: range) {
                    claimLoader(RelationNames.plural(RelationNames.parent(key)), on: model.name, what: parentWhat, at: range)
                }
                let childrenWhat = "the member for the '\(model.name)' rows that reference it through '\(key.column)'"
                if claim(RelationNames.children(key, of: model, referenced: modelsByName[key.referencedModel]), on: key.referencedModel, what: childrenWhat, at: range) {
                    claimLoader(RelationNames.children(key, of: model, referenced: modelsByName[key.referencedModel]), on: key.referencedModel, what: childrenWhat, at: range)
                }
            }
            if let (first, second) = RelationNames.joinReferences(of: model) {
                for (from, to) in [(first, second), (second, first)] {
                    let what = "the many-to-many member through '\(model.name)'", range = locationsByModel[model.name]?.references[to.column]
                    if claim(RelationNames.manyToMany(to: to), on: from.referencedModel, what: what, at: range) {
                        claimLoader(RelationNames.manyToMany(to: to), on: from.referencedModel, what: what, at: range)
                    }
                }
            }
        }
    }
}
