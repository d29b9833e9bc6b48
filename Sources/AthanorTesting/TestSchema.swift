import Athanor

/// The schema a test database gets: the generated schema type's DDL.
///
/// ```swift
/// extension TestSchema {
///     static let shop = TestSchema("Shop", ddl: AthanorSchema.script(for:))
/// }
/// ```
///
/// ``prepare(_:)`` is the one place a schema is put into a database, so that it can move to
/// migrations without changing a test.
public struct TestSchema: Sendable {
    /// A name for messages and the template database's cache.
    public let name: String
    /// The DDL of each dialect.
    let script: @Sendable (SQLDialect) -> DDLScript

    /// A schema from its DDL: pass the generated `AthanorSchema.script(for:)`.
    public init(_ name: String, ddl script: @escaping @Sendable (SQLDialect) -> DDLScript) {
        self.name = name
        self.script = script
    }

    /// No tables: an empty database.
    public static let empty = TestSchema("empty") { _ in DDLScript(header: "", statements: []) }

    /// Creates the schema's types, tables and indexes through `connection`, in the dialect the
    /// server speaks, in one transaction (as `AthanorSchema.createTables(on:)` does).
    public func prepare(_ connection: Connection) async throws {
        let statements = script(connection.serverDialect).statements
        guard !statements.isEmpty else { return }
        try await connection.applyDDL(statements)
    }

    /// What distinguishes two schemas of one name: their PostgreSQL DDL.
    var fingerprint: String { name + "\u{0}" + script(.postgresql).statements.joined(separator: "\u{0}") }
}
