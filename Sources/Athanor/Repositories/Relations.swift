/// A reference seen from the model that holds it (`Order.customerID -> User`): the generated
/// `ParentRelation<Order, User>.customer`, for ``Repository/parents(_:for:)`` and
/// `list(..., including: .customer)`.
public struct ParentRelation<Model: TableModel, Parent: TableModel>: Sendable {
    /// The referenced row's primary key in a row of `Model` (nil for a NULL reference).
    let key: @Sendable (Model) -> Parent.PrimaryKey?
    /// `SELECT <parent columns> FROM users WHERE id = ANY($1)`.
    let parents: String

    /// Describes the relation (generated code does).
    @_spi(Generated)
    public init(key: @escaping @Sendable (Model) -> Parent.PrimaryKey?, parents: String) {
        self.key = key
        self.parents = parents
    }
}

/// A reference seen from the model it points to (`User` <- `Order.customerID`): the generated
/// `ChildrenRelation<User, Order>.orders`, for ``Repository/children(_:for:)`` and
/// `list(..., including: .orders)`.
public struct ChildrenRelation<Model: TableModel, Child: TableModel>: Sendable {
    /// The referenced row's primary key in a row of `Child` (nil for a NULL reference).
    let key: @Sendable (Child) -> Model.PrimaryKey?
    /// `SELECT <child columns> FROM orders WHERE customer_id = ANY($1)`.
    let children: String

    /// Describes the relation (generated code does).
    @_spi(Generated)
    public init(key: @escaping @Sendable (Child) -> Model.PrimaryKey?, children: String) {
        self.key = key
        self.children = children
    }
}

/// Many-to-many through a join model (`PageTag`, with `pageID` and `tagID` and a unique key over
/// both): the generated `ManyToManyRelation<Page, Tag>.tags`, for ``Repository/related(_:for:)``
/// and `list(..., including: .tags)`.
public struct ManyToManyRelation<Model: TableModel, Other: TableModel>: Sendable {
    /// `SELECT t.<other columns>, j.page_id FROM page_tags AS j JOIN tags AS t ON t.id = j.tag_id
    /// WHERE j.page_id = ANY($1)`: each related row, then the key of the row it belongs to.
    let related: String

    /// Describes the relation (generated code does).
    @_spi(Generated)
    public init(related: String) {
        self.related = related
    }
}

/// The rows of `Related` linked to a row of `Model`, in a filter: the generated
/// `Order.columns.customer`, `User.columns.orders`, `Page.columns.tags`.
///
/// ```swift
/// try await orders.list(where: Order.columns.customer.matches(User.columns.email == "ada@example.com"))
/// // SELECT ... FROM orders WHERE EXISTS (SELECT 1 FROM users AS p WHERE p.id = orders.customer_id AND (email = $1))
/// try await users.list(where: User.columns.orders.matches(Order.columns.status == .paid))   // users with a paid order
/// ```
public struct RelatedRows<Model, Related>: Sendable {
    /// `EXISTS (SELECT 1 FROM users AS p WHERE p.id = orders.customer_id AND (`: the call's filter
    /// and `))` complete it.
    let exists: String

    /// Describes the relation (generated code does).
    @_spi(Generated)
    public init(exists: String) {
        self.exists = exists
    }

    /// The rows with a related row matching `filter`: `EXISTS (SELECT 1 ... AND (<filter>))`.
    public func matches(_ filter: Filter<Related>) -> Filter<Model> {
        Filter([.sql(exists)] + filter.pieces.map { $0.retyped() } + [.sql("))")])
    }

    /// The rows with any related row: `EXISTS (SELECT 1 ... AND (TRUE))`.
    public var exist: Filter<Model> { matches(.all) }
}

extension Filter.Piece {
    /// The same piece in a filter of another model (an `EXISTS` around it).
    func retyped<Other>() -> Filter<Other>.Piece {
        switch self {
        case .sql(let text): .sql(text)
        case .parameter(let value): .parameter(value)
        }
    }
}
