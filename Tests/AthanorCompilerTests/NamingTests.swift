@testable import AthanorCompiler
import Testing

@Suite struct NamingTests {
    @Test(arguments: [
        ("customerID", "customer_id"), ("AuditEvent", "audit_event"), ("HTTPServer", "http_server"),
        ("loginCount", "login_count"), ("sha256Hash", "sha256_hash"), ("already_snake", "already_snake"),
        ("URL", "url"), ("userIDs", "user_ids"), ("a", "a"),
    ])
    func snakeCase(_ input: String, _ expected: String) {
        #expect(SQLNaming.snakeCase(input) == expected)
    }

    @Test func shortNamesAreKept() {
        #expect(SQLNaming.constraintName(table: "orders", columns: ["customer_id", "external_ref"], suffix: "key")
            == "orders_customer_id_external_ref_key")
        let exactly63 = String(repeating: "x", count: 63)
        #expect(SQLNaming.fitting(exactly63) == exactly63)
    }

    @Test func longNamesAreShortenedDeterministicallyWithAHash() {
        let long = String(repeating: "a", count: 70)
        let other = String(repeating: "a", count: 69) + "b"
        let shortened = SQLNaming.fitting(long)
        #expect(shortened.utf8.count == 63)
        #expect(shortened == SQLNaming.fitting(long))
        #expect(shortened != SQLNaming.fitting(other))
        #expect(shortened.hasPrefix(String(repeating: "a", count: 54) + "_"))
    }

    @Test func shorteningNeverSplitsACharacter() {
        let name = String(repeating: "é", count: 40)  // 80 bytes
        let shortened = SQLNaming.fitting(name)
        #expect(shortened.utf8.count <= 63)
        #expect(shortened.hasPrefix(String(repeating: "é", count: 27)))
    }

    @Test func quoting() {
        #expect(SQLIdentifier.quoted("users") == "users")
        #expect(SQLIdentifier.quoted("order") == "\"order\"")
        #expect(SQLIdentifier.quoted("user") == "\"user\"")
        #expect(SQLIdentifier.quoted("select") == "\"select\"")
        #expect(SQLIdentifier.quoted("Mixed") == "\"Mixed\"")
        #expect(SQLIdentifier.quoted("with space") == "\"with space\"")
        #expect(SQLIdentifier.quoted("a\"b") == "\"a\"\"b\"")
        #expect(SQLIdentifier.quoted("1abc") == "\"1abc\"")
        #expect(SQLIdentifier.quoted("_ok1") == "_ok1")
        #expect(SQLIdentifier.stringLiteral("it's \\") == "'it''s \\'")
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "Strng", among: ["String", "Int64"]) == "String")
        #expect(Suggestion.closest(to: "string", among: ["String", "Int64"]) == "String")
        #expect(Suggestion.closest(to: "Completely", among: ["String", "Int64"]) == nil)
        #expect(Suggestion.closest(to: "", among: ["ab", "abcdef"]) == nil)
        #expect(Suggestion.closest(to: "c", among: ["a", "b"]) == nil)
        #expect(Suggestion.closest(to: "B", among: ["a", "b"]) == "b")
        #expect(Suggestion.closest(to: "emial", among: ["name", "email"]) == "email")
        #expect(Suggestion.editDistance(Array("ab".unicodeScalars), Array("ba".unicodeScalars), limit: 3) == 1)
        #expect(Suggestion.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars), limit: 5) == 3)
    }
}
