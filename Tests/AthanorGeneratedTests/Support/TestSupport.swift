import Athanor
import AthanorTesting
import Glibc
import SchemaExamplesFixture
import ShopFixture

// The tags (`.postgres`, `.cockroachdb`) and each test's own database come from AthanorTesting,
// as in a consumer's tests; CI sets ATHANOR_REQUIRE_DATABASE=postgres, so that a missing
// server fails the run instead of skipping.

extension TestSchema {
    /// Shop.schema (ShopFixture).
    static let shopFixture = TestSchema("ShopFixture", ddl: ShopFixture.AthanorSchema.script(for:))
    /// The other schemas of schemas/ (SchemaExamplesFixture).
    static let schemaExamples = TestSchema("SchemaExamplesFixture", ddl: SchemaExamplesFixture.AthanorSchema.script(for:))
}

enum TestEnvironment {
    static func variable(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    static var isCI: Bool { variable("CI") == "true" }
    static var postgresURL: String? { variable("ATHANOR_TEST_DATABASE_URL") }

    /// Server tests run when the URL is set; under CI they also "run" without it, and fail.
    static var postgresEnabled: Bool { postgresURL != nil || isCI }
}
