/// Relations, loaded for many rows at once: each relation is one statement whatever the number
/// of rows (`WHERE id = ANY($1)`), never one per row. A `list(..., including:)` is the list's
/// statement and the relation's, on one connection.
extension RepositoryCore {
    /// The rows `relation` references from `models`, by primary key.
    func parents<Parent>(_ relation: ParentRelation<Model, Parent>, for models: [Model]) throws(AthanorError) -> RepositoryCall<[Parent.PrimaryKey: Parent]> {
        guard !models.isEmpty else { return .value([:]) }
        return .work(.read) { connection throws(AthanorError) in try Self.parents(relation, of: models, on: connection) }
    }

    /// The rows of `Child` that reference each of `models`, by the primary key of the row they
    /// reference (every key of `models` present, with `[]` when none does).
    func children<Child>(_ relation: ChildrenRelation<Model, Child>, for models: [Model]) throws(AthanorError) -> RepositoryCall<[Model.PrimaryKey: [Child]]> {
        guard !models.isEmpty else { return .value([:]) }
        return .work(.read) { [table] connection throws(AthanorError) in try Self.children(relation, of: models, table, on: connection) }
    }

    /// The rows of `Other` linked to each of `models` through the join model, by the primary key
    /// of the row of `models` (every key present, with `[]` when none is linked).
    func related<Other>(_ relation: ManyToManyRelation<Model, Other>, for models: [Model]) throws(AthanorError) -> RepositoryCall<[Model.PrimaryKey: [Other]]> {
        guard !models.isEmpty else { return .value([:]) }
        return .work(.read) { [table] connection throws(AthanorError) in try Self.related(relation, of: models, table, on: connection) }
    }

    /// `list`, each row with the row `relation` references (nil for a NULL reference): two statements.
    func list<Parent>(
        where filter: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, offset: Int?, including relation: ParentRelation<Model, Parent>
    ) throws(AthanorError) -> RepositoryCall<[(Model, Parent?)]> {
        try listThen(where: filter, orderBy: orderBy, limit: limit, offset: offset) { models, _, connection throws(AthanorError) in
            let parents = try Self.parents(relation, of: models, on: connection)
            return models.map { model in (model, relation.key(model).flatMap { parents[$0] }) }
        }
    }

    /// `list`, each row with the rows of `Child` that reference it: two statements.
    func list<Child>(
        where filter: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, offset: Int?, including relation: ChildrenRelation<Model, Child>
    ) throws(AthanorError) -> RepositoryCall<[(Model, [Child])]> {
        try listThen(where: filter, orderBy: orderBy, limit: limit, offset: offset) { models, table, connection throws(AthanorError) in
            let children = try Self.children(relation, of: models, table, on: connection)
            return models.map { model in (model, table.key(of: model).flatMap { children[$0] } ?? []) }
        }
    }

    /// `list`, each row with the rows of `Other` linked to it through the join model: two statements.
    func list<Other>(
        where filter: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, offset: Int?, including relation: ManyToManyRelation<Model, Other>
    ) throws(AthanorError) -> RepositoryCall<[(Model, [Other])]> {
        try listThen(where: filter, orderBy: orderBy, limit: limit, offset: offset) { models, table, connection throws(AthanorError) in
            let related = try Self.related(relation, of: models, table, on: connection)
            return models.map { model in (model, table.key(of: model).flatMap { related[$0] } ?? []) }
        }
    }

    /// The rows of a `list`, then `attach` on the same connection (nothing when there are none).
    private func listThen<T: Sendable>(
        where filter: Filter<Model>?, orderBy: [Ordering<Model>], limit: Int?, offset: Int?,
        _ attach: @escaping @Sendable ([Model], TableDescription<Model>, Connection) throws(AthanorError) -> [T]
    ) throws(AthanorError) -> RepositoryCall<[T]> {
        let query = table.listQuery(windowed: false, where: filter, orderBy: orderBy, limit: limit, offset: offset)
        let bindings = try Bindings(query.parameters)
        return .work(.read) { [table] connection throws(AthanorError) in
            let models = try Self.decodeAll(connection.run(query.sql, bindings), table)
            return models.isEmpty ? [] : try attach(models, table, connection)
        }
    }

    static func parents<Parent>(
        _ relation: ParentRelation<Model, Parent>, of models: [Model], on connection: Connection
    ) throws(AthanorError) -> [Parent.PrimaryKey: Parent] {
        let keys = Array(Set(models.compactMap(relation.key)))
        guard !keys.isEmpty else { return [:] }
        let parentTable = Parent.table
        var parents: [Parent.PrimaryKey: Parent] = Dictionary(minimumCapacity: keys.count)
        for row in try connection.run(relation.parents, Bindings([keys])) {
            let parent = try parentTable.decode(row)
            if let key = parentTable.key(of: parent) { parents[key] = parent }
        }
        return parents
    }

    static func children<Child>(
        _ relation: ChildrenRelation<Model, Child>, of models: [Model], _ table: TableDescription<Model>, on connection: Connection
    ) throws(AthanorError) -> [Model.PrimaryKey: [Child]] {
        let keys = Array(Set(models.compactMap(table.key(of:))))
        var children: [Model.PrimaryKey: [Child]] = Dictionary(minimumCapacity: keys.count)
        for key in keys { children[key] = [] }
        guard !keys.isEmpty else { return children }
        let childTable = Child.table
        for row in try connection.run(relation.children, Bindings([keys])) {
            let child = try childTable.decode(row)
            if let key = relation.key(child) { children[key, default: []].append(child) }
        }
        return children
    }

    static func related<Other>(
        _ relation: ManyToManyRelation<Model, Other>, of models: [Model], _ table: TableDescription<Model>, on connection: Connection
    ) throws(AthanorError) -> [Model.PrimaryKey: [Other]] {
        let keys = Array(Set(models.compactMap(table.key(of:))))
        var related: [Model.PrimaryKey: [Other]] = Dictionary(minimumCapacity: keys.count)
        for key in keys { related[key] = [] }
        guard !keys.isEmpty else { return related }
        let otherTable = Other.table
        for row in try connection.run(relation.related, Bindings([keys])) {
            let key = try row.decode(Model.PrimaryKey.self, at: row.count - 1)
            related[key, default: []].append(try otherTable.decode(row))
        }
        return related
    }
}
