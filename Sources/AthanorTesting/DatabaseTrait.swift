import Testing

/// The trait that gives each test (each case of a parameterised test, each test of a suite)
/// its own database of a schema, as ``TestDatabase/current``.
///
/// ```swift
/// @Test(.tags(.postgres), .database(.shop))
/// func countsUsers() async throws {
///     let db = try #require(TestDatabase.current)
///     #expect(try await UserRepository(db.pool).count() == 0)
/// }
/// ```
public struct DatabaseTrait: TestTrait, SuiteTrait, TestScoping {
    let schema: TestSchema
    let dialect: TestDialect
    let mode: TestDatabaseMode
    let poolSize: Int

    /// On a suite, every test in it gets a database of its own.
    public var isRecursive: Bool { true }

    /// A scope for each test case; none for a suite as a whole.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> DatabaseTrait? {
        testCase == nil ? nil : self
    }

    /// Runs the test case with ``TestDatabase/current`` set to a fresh database, dropped afterwards.
    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await TestDatabase.with(schema, dialect: dialect, mode: mode, poolSize: poolSize) { database in
            try await TestDatabase.$current.withValue(database) { try await function() }
        }
    }
}

extension Trait where Self == DatabaseTrait {
    /// A fresh database of `schema` on `dialect`'s server for each test, as ``TestDatabase/current``
    /// (skipped, or failed under `ATHANOR_REQUIRE_DATABASE`, when its variable is not set).
    public static func database(
        _ schema: TestSchema, dialect: TestDialect = .postgres, mode: TestDatabaseMode = .default, poolSize: Int = 2
    ) -> Self {
        DatabaseTrait(schema: schema, dialect: dialect, mode: mode, poolSize: poolSize)
    }
}
