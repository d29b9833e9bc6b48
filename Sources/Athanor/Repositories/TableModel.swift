/// A model the compiler generated for a table: what ``Repository`` and ``BlockingRepository``
/// need of it. Generated models conform; you do not write conformances yourself.
///
/// ```swift
/// let users = Repository<User>(pool)        // the generated `UserRepository` is this type
/// try await users.upsert(ada, matching: .email)
/// // users.upsert(ada, matching: .name)    // does not compile: `name` is no User.MatchKey
/// ```
public protocol TableModel: Sendable, Identifiable {
    /// The primary key's type: `UUID`, or `Int64` for a sequential id (whose `id` property is
    /// an `Int64?`, nil until the database assigns it).
    associatedtype PrimaryKey: PostgresArrayElement & PostgresDecodable & Hashable

    /// The keys an upsert may match on: the primary key and each unique key, and nothing else,
    /// so an upsert on any other column does not compile.
    associatedtype MatchKey: Hashable & Sendable

    /// The table: the SQL of every statement, as the compiler wrote it, and how a model moves
    /// in and out of rows.
    @_spi(Generated) static var table: TableDescription<Self> { get }
}
