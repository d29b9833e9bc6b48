import AthanorTesting
import Testing

/// Skip or fail when a server's variable is missing: the decision, for every environment shape.
/// (That a skipped test is reported as skipped, and a required one fails the run, is checked end
/// to end by scripts/test-shop, which runs Examples/Shop's built tests without the variable.)
struct AvailabilityTests {
    @Test func aSetVariableGivesTheURL() {
        let environment = ["ATHANOR_TEST_DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/postgres"]
        #expect(TestDialect.postgres.availability(environment: environment) == .available(url: "postgresql://postgres@127.0.0.1:5432/postgres"))
    }

    @Test func aMissingVariableIsASkipNamingIt() throws {
        guard case .skipped(let reason) = TestDialect.cockroachdb.availability(environment: [:]) else {
            Issue.record("expected a skip")
            return
        }
        #expect(reason.contains("ATHANOR_TEST_COCKROACHDB_URL"))
    }

    @Test func anEmptyVariableCountsAsMissing() {
        guard case .skipped = TestDialect.postgres.availability(environment: ["ATHANOR_TEST_DATABASE_URL": ""]) else {
            Issue.record("expected a skip")
            return
        }
    }

    @Test(arguments: ["postgres", "postgres,cockroachdb", " PostgreSQL , cockroach"])
    func aRequiredServerWithoutItsVariableFails(required: String) {
        guard case .required(let reason) = TestDialect.postgres.availability(environment: ["ATHANOR_REQUIRE_DATABASE": required]) else {
            Issue.record("expected a failure")
            return
        }
        #expect(reason.contains("ATHANOR_TEST_DATABASE_URL"))
        #expect(reason.contains("ATHANOR_REQUIRE_DATABASE"))
    }

    @Test func requiringPostgresDoesNotRequireCockroachDB() {
        guard case .skipped = TestDialect.cockroachdb.availability(environment: ["ATHANOR_REQUIRE_DATABASE": "postgres"]) else {
            Issue.record("expected a skip")
            return
        }
    }

    @Test func configuredDialectsAreTheSetOrRequiredOnes() {
        let both = ["ATHANOR_TEST_DATABASE_URL": "postgresql://a@h/d", "ATHANOR_TEST_COCKROACHDB_URL": "cockroachdb://r@h/d"]
        #expect(TestDialect.configured(environment: both) == [.postgres, .cockroachdb])
        #expect(TestDialect.configured(environment: ["ATHANOR_TEST_COCKROACHDB_URL": "cockroachdb://r@h/d"]) == [.cockroachdb])
        #expect(TestDialect.configured(environment: ["ATHANOR_REQUIRE_DATABASE": "postgres,cockroachdb"]) == [.postgres, .cockroachdb])
        // Nothing set: PostgreSQL alone, so that the test shows as skipped rather than vanishing.
        #expect(TestDialect.configured(environment: [:]) == [.postgres])
    }
}
