import Athanor

/// The schema a test database gets: the generated schema type's migrations when it has any
/// (what production applies), else its DDL.
///
/// ```swift
/// extension TestSchema {
///     static let shop = TestSchema("Shop", ddl: AthanorSchema.script(for:), migrations: AthanorSchema.migrations)
///     static let shopFromDDL = TestSchema("Shop", ddl: AthanorSchema.script(for:),
///                                         migrations: AthanorSchema.migrations, preparation: .ddl)
/// }
/// ```
///
/// ``prepare(_:)`` is the one place a schema is put into a database.
public struct TestSchema: Sendable {
    /// How ``prepare(_:)`` builds the schema.
    public enum Preparation: String, Sendable, Hashable {
        /// The migrations when there are any (each test database then has what production will
        /// have, and the `athanor_migrations` history table), else the DDL.
        case automatic
        /// The DDL (`AthanorSchema.script(for:)`), even when there are migrations: faster, and the
        /// schema as the models say now whether or not a migration was written for it.
        case ddl
    }

    /// A name for messages and the template database's cache.
    public let name: String
    /// The DDL of each dialect.
    let script: @Sendable (SQLDialect) -> DDLScript
    /// The migrations (`AthanorSchema.migrations`), in any order.
    public let migrations: [Migration]
    /// How the schema is built.
    public let preparation: Preparation

    /// A schema from its DDL and migrations: pass the generated `AthanorSchema.script(for:)` and
    /// `AthanorSchema.migrations`. With ``Preparation/automatic`` (the default) a database is
    /// prepared by applying the migrations when there are any, by the DDL otherwise.
    public init(_ name: String, ddl script: @escaping @Sendable (SQLDialect) -> DDLScript,
                migrations: [Migration] = [], preparation: Preparation = .automatic) {
        self.name = name
        self.script = script
        self.migrations = migrations
        self.preparation = preparation
    }

    /// No tables: an empty database.
    public static let empty = TestSchema("empty") { _ in DDLScript(header: "", statements: []) }

    /// Whether ``prepare(_:)`` applies the migrations (rather than the DDL).
    public var appliesMigrations: Bool { preparation == .automatic && !migrations.isEmpty }

    /// Puts the schema into the database of `connection`, in the dialect the server speaks:
    /// applies the migrations (as `AthanorSchema.migrate(on:)` does at start-up) when
    /// ``appliesMigrations``, else creates the types, tables and indexes of the DDL in one
    /// transaction (as `AthanorSchema.createTables(on:)` does).
    public func prepare(_ connection: Connection) async throws {
        if appliesMigrations {
            _ = try await Migrator(migrations: migrations).apply(on: connection)
            return
        }
        let statements = script(connection.serverDialect).statements
        guard !statements.isEmpty else { return }
        try await connection.applyDDL(statements)
    }

    /// What distinguishes two schemas of one name: the migrations' PostgreSQL checksums when
    /// they are applied, else the PostgreSQL DDL.
    var fingerprint: String {
        guard appliesMigrations else { return name + "\u{0}" + script(.postgresql).statements.joined(separator: "\u{0}") }
        let sorted = migrations.sorted { $0.id < $1.id }
        return name + "\u{0}migrations\u{0}" + sorted.map { $0.id + ":" + ($0.checksum(for: .postgresql) ?? "-") }.joined(separator: "\u{0}")
    }
}
