/// The SQL of a model's relations (``RelationNames``), each statement whole: the runtime binds
/// one array of keys (`= ANY($1)`), or completes an `EXISTS (...` with the call's filter.
public struct RelationSQL: Sendable {
    /// A reference this model holds (`Order.customerID -> User`).
    public struct Parent: Sendable, Hashable {
        /// The member (`customer`).
        public var name: String
        /// The referencing field (`customerID`).
        public var field: String
        /// The referenced model (`User`).
        public var model: String
        /// `SELECT <User's columns> FROM users WHERE id = ANY($1)`.
        public var parents: String
        /// `EXISTS (SELECT 1 FROM users AS p WHERE p.id = orders.customer_id AND (`.
        public var exists: String
    }

    /// A reference to this model from another (`User` <- `Order.customerID`).
    public struct Children: Sendable, Hashable {
        /// The member (`orders`).
        public var name: String
        /// The referencing field of the other model (`customerID`).
        public var field: String
        /// The referencing model (`Order`).
        public var model: String
        /// `SELECT <Order's columns> FROM orders WHERE customer_id = ANY($1)`.
        public var children: String
        /// `EXISTS (SELECT 1 FROM orders AS c WHERE c.customer_id = users.id AND (`.
        public var exists: String
    }

    /// Many-to-many through a join model (`Page` <- `PageTag` -> `Tag`).
    public struct ManyToMany: Sendable, Hashable {
        /// The member (`tags`).
        public var name: String
        /// The other model (`Tag`).
        public var model: String
        /// `SELECT t.<Tag's columns>, j.page_id FROM page_tags AS j JOIN tags AS t ON t.id = j.tag_id WHERE j.page_id = ANY($1)`.
        public var related: String
        /// `EXISTS (SELECT 1 FROM tags AS t WHERE EXISTS (SELECT 1 FROM page_tags AS j WHERE j.tag_id = t.id AND j.page_id = pages.id) AND (`.
        public var exists: String
    }

    /// The references `model` holds, in field order.
    public var parents: [Parent] = []
    /// The references to `model`, by referencing model, then field.
    public var children: [Children] = []
    /// The many-to-many relations of `model`.
    public var manyToMany: [ManyToMany] = []

    /// The relations of `model` in `catalog`.
    public init(model: Model, catalog: Catalog) {
        let table = SQLIdentifier.quoted(model.tableName)
        let id = SQLIdentifier.quoted(model.column(named: "id")?.sqlName ?? "id")
        for key in model.foreignKeys {
            guard let parent = catalog.model(named: key.referencedModel) else { continue }
            let parentBuilder = RepositorySQLBuilder(model: parent, catalog: catalog)
            let column = Self.column(key.column, of: model)
            parents.append(Parent(
                name: RelationNames.parent(key), field: key.column, model: parent.name,
                parents: parentBuilder.select + " WHERE \(Self.id(of: parent)) = ANY($1)",
                exists: "EXISTS (SELECT 1 FROM \(parentBuilder.table) AS p WHERE p.\(Self.id(of: parent)) = \(table).\(column) AND ("))
        }
        for child in catalog.models {
            let childBuilder = RepositorySQLBuilder(model: child, catalog: catalog)
            for key in child.foreignKeys where key.referencedModel == model.name {
                let column = Self.column(key.column, of: child)
                children.append(Children(
                    name: RelationNames.children(key, of: child, referenced: model), field: key.column, model: child.name,
                    children: childBuilder.select + " WHERE \(column) = ANY($1)",
                    exists: "EXISTS (SELECT 1 FROM \(childBuilder.table) AS c WHERE c.\(column) = \(table).\(id) AND ("))
            }
            guard let (first, second) = RelationNames.joinReferences(of: child) else { continue }
            for (mine, other) in [(first, second), (second, first)] where mine.referencedModel == model.name {
                guard let otherModel = catalog.model(named: other.referencedModel) else { continue }
                let otherTable = SQLIdentifier.quoted(otherModel.tableName)
                let mineColumn = Self.column(mine.column, of: child), otherColumn = Self.column(other.column, of: child)
                let columns = otherModel.columns.map { "t." + SQLIdentifier.quoted($0.sqlName) }.joined(separator: ", ")
                let otherID = Self.id(of: otherModel)
                manyToMany.append(ManyToMany(
                    name: RelationNames.manyToMany(to: other), model: otherModel.name,
                    related: "SELECT \(columns), j.\(mineColumn) FROM \(childBuilder.table) AS j JOIN \(otherTable) AS t "
                        + "ON t.\(otherID) = j.\(otherColumn) WHERE j.\(mineColumn) = ANY($1)",
                    exists: "EXISTS (SELECT 1 FROM \(otherTable) AS t WHERE EXISTS (SELECT 1 FROM \(childBuilder.table) AS j "
                        + "WHERE j.\(otherColumn) = t.\(otherID) AND j.\(mineColumn) = \(table).\(id)) AND ("))
            }
        }
    }

    /// The quoted SQL column of the field `name` of `model`.
    static func column(_ name: String, of model: Model) -> String {
        SQLIdentifier.quoted(model.column(named: name)?.sqlName ?? SQLNaming.snakeCase(name))
    }

    /// The quoted primary key column of `model`.
    static func id(of model: Model) -> String {
        column(model.primaryKey.columns.first ?? "id", of: model)
    }
}
