import Foundation

/// How a test gets its own database, from the most isolated to the cheapest. Every mode hands
/// the test an empty database of its schema, and cleans up however the test ends.
///
/// | mode | per test | cannot test |
/// |---|---|---|
/// | ``database`` (the default) | `CREATE DATABASE`, the DDL, `DROP DATABASE` | nothing: the reference |
/// | ``template`` | `CREATE DATABASE ... TEMPLATE` of one prepared copy, `DROP DATABASE` | nothing more (PostgreSQL only; CockroachDB falls back to ``database``) |
/// | ``schema`` | `CREATE SCHEMA`, the DDL in it, `DROP SCHEMA ... CASCADE` | what depends on the database: `search_path`, extensions, names qualified with `public.`, database-wide settings |
/// | ``transaction`` | `BEGIN` ... `ROLLBACK` in one shared database | commits, retries, isolation between transactions, anything that opens another connection (a pool's own transactions) |
public enum TestDatabaseMode: String, Sendable, CaseIterable {
    /// A new database per test, and the schema's DDL run in it. The default: measured faster
    /// than ``template`` with a small schema (docs/testing.md).
    case database
    /// A new database per test, cloned from a template database that got the DDL once per run
    /// (`CREATE DATABASE ... TEMPLATE`): the same isolation as ``database``, without the DDL per
    /// test, for schemas whose DDL costs more than the copy.
    case template
    /// A schema per test in one database of the run, reached through `search_path`.
    case schema
    /// One transaction per test in one database of the run, rolled back at the end.
    case transaction

    /// `ATHANOR_TEST_MODE` when it names a mode, else ``database``.
    public static var `default`: TestDatabaseMode {
        ProcessInfo.processInfo.environment["ATHANOR_TEST_MODE"].flatMap(TestDatabaseMode.init(rawValue:)) ?? .database
    }
}
