import Testing

extension Tag {
    /// A test that runs against PostgreSQL (`ATHANOR_TEST_DATABASE_URL`).
    @Tag public static var postgres: Self
    /// A test that runs against CockroachDB (`ATHANOR_TEST_COCKROACHDB_URL`).
    @Tag public static var cockroachdb: Self
    /// A test of the async API form (`UserRepository`, `pool.transaction`).
    @Tag public static var async: Self
    /// A test of the blocking API form (`UserBlockingRepository`, `pool.transactionBlocking`).
    @Tag public static var blocking: Self
}
