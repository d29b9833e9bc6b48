@testable import Athanor
import Testing

/// Keyset cursors without a server: the token's round trip, what it refuses, and the page
/// statement's condition for mixed directions.
@Suite struct PageCursorTests {
    @Test func tokensRoundTripAndRejectAnythingElse() throws {
        let cursor = PageCursor(values: [[0, 1, 2, 255], nil, []])
        let token = cursor.token
        #expect(!token.contains("+") && !token.contains("/") && !token.contains("="))
        #expect(PageCursor(token: token) == cursor)
        for bad in ["", "!!!", "AAAA", String(token.dropLast(2)), token + "AA"] {
            #expect(PageCursor(token: bad) == nil, "\(bad)")
        }
    }

    @Test func aNegativeLengthOtherThanNullIsNoCursor() {
        // scripts/fuzz's FuzzPageCursor: a length of -2^31 was read as NULL, so a second token
        // stood for the cursor of "AAH_____" (-1).
        #expect(PageCursor(token: "AAGAAAAA") == nil)
        #expect(PageCursor(token: "AAH_____") == PageCursor(values: [nil]))
        #expect(PageCursor(values: [nil]).token == "AAH_____")
    }

    @Test func thePageConditionFollowsEachTermsDirection() throws {
        let core = RepositoryCore<RepositoryCoreTests.Item>(batchSize: 10)
        let name = Column<RepositoryCoreTests.Item, String?>("name")
        let cursor = PageCursor(values: [[1], [2]])
        let query = try core.pageQuery(where: name.isNotNull, orderBy: [name.descending], after: cursor, limit: 5)
        #expect(query.sql.sql == "SELECT id, name FROM items WHERE (name IS NOT NULL) AND ((name < $1) OR (name = $1 AND id > $2)) "
            + "ORDER BY name DESC, id ASC LIMIT $3")
        #expect(query.sql.parameters.count == 3 && query.terms.count == 2)
        #expect(throws: AthanorError.self) { try core.pageQuery(where: nil, orderBy: [], after: cursor, limit: 5) }
    }
}
