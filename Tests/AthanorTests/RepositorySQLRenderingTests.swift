@_spi(Generated) @testable import Athanor
import FoundationEssentials
import Testing

/// The SQL the runtime adds at call time: the rows of a `VALUES` list and typed filters, as exact strings.
@Suite struct RepositorySQLRenderingTests {
    struct Thing {}

    @Test func valuesRowsStayUnderTheParameterLimit() {
        #expect(BulkSQL.rows(2, types: ["uuid", "text[]"]) == " ($1::uuid, $2::text[]), ($3::uuid, $4::text[])")
        #expect(BulkSQL.rows(1, types: ["int8"]) == " ($1::int8)")
        let wide = BulkSQL.values(head: "", types: Array(repeating: "text", count: 20), tail: "")
        #expect(wide.rowsPerStatement(batchSize: 5_000) == 3_276)
        #expect(BulkSQL.unnest("").rowsPerStatement(batchSize: 5_000) == 5_000)
        #expect(BulkSQL.unnest("").rowsPerStatement(batchSize: 0) == 1)
    }

    @Test func filtersNumberTheirParametersInOrder() {
        let name = Column<Thing, String>("name")
        let count = Column<Thing, Int64?>("count")
        let mood = Column<Thing, String>("mood", cast: "mood")
        let filter = (name == "a" || name.ilike("b%")) && !(count > 3)
        #expect(filter.render().sql == "((name = $1) OR (name ILIKE $2)) AND (NOT (count > $3))")
        let rendered = (count.isNull && mood.in(["x"]) && name == "c").render(firstParameter: 1)
        #expect(rendered.sql == "((count IS NULL) AND (mood = ANY($1::mood[]))) AND (name = $2)")
        #expect(rendered.parameters.count == 2)
    }

    @Test func queryAppendsWhereOrderLimitOffset() {
        let name = Column<Thing, String>("name")
        let query = RepositoryQuery("SELECT name FROM things", where: name == "a", orderBy: [name.descending], limit: 10, offset: 20)
        #expect(query.sql == "SELECT name FROM things WHERE name = $1 ORDER BY name DESC LIMIT $2 OFFSET $3")
        let exists = RepositoryQuery("SELECT 1 FROM things", where: Filter<Thing>.all, limit: 1)
        #expect(exists.sql == "SELECT 1 FROM things WHERE TRUE LIMIT $1")
    }

    enum Mood: String { case calm, sunny }

    @Test func arrayLiteralsQuoteAndEscapeEveryElement() {
        #expect(PostgresArrayLiteral.text([String]()) == "{}")
        #expect(PostgresArrayLiteral.text(["a", "", "b,c", "q\"x", "back\\slash", "NULL", "{}"])
            == #"{"a","","b,c","q\"x","back\\slash","NULL","{}"}"#)
        #expect(PostgresArrayLiteral.text([Int16.min, 0]) == #"{"-32768","0"}"#)
        #expect(PostgresArrayLiteral.text([1.5, -.infinity, .nan]) == #"{"1.5","-Infinity","NaN"}"#)
        #expect(PostgresArrayLiteral.text([true, false]) == #"{"t","f"}"#)
        #expect(PostgresArrayLiteral.text([Data([0, 0xAB])]) == #"{"\\x00ab"}"#)
        #expect(PostgresArrayLiteral.text([Mood.sunny, .calm]) == #"{"sunny","calm"}"#)
        #expect(PostgresArrayLiteral.text([Optional("a"), nil]) == #"{"a",NULL}"#)
    }
}
