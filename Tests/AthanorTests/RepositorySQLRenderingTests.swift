@_spi(Generated) import Athanor
import FoundationEssentials
import Testing

/// The SQL the runtime adds at call time: bulk sources and typed filters, as exact strings.
@Suite struct RepositorySQLRenderingTests {
    struct Thing {}

    @Test func unnestSourceHasOneArrayParameterPerColumn() {
        let source = BulkSource(columns: ["id", "\"order\""], types: ["uuid", "text"], usesValues: false)
        #expect(source.sql(rows: 5_000) == "unnest($1::uuid[], $2::text[]) AS u(id, \"order\")")
        #expect(source.rowsPerStatement(batchSize: 5_000) == 5_000)
    }

    @Test func valuesSourceStaysUnderTheParameterLimit() {
        let source = BulkSource(columns: ["id", "tags"], types: ["uuid", "text[]"], usesValues: true)
        #expect(source.sql(rows: 2) == "(VALUES ($1::uuid, $2::text[]), ($3::uuid, $4::text[])) AS u(id, tags)")
        let wide = BulkSource(columns: Array(repeating: "c", count: 20), types: Array(repeating: "text", count: 20), usesValues: true)
        #expect(wide.rowsPerStatement(batchSize: 5_000) == 3_276)
    }

    @Test func singleRowSourceIsValuesOfScalarParameters() {
        let source = BulkSource(columns: ["id", "tags"], types: ["uuid", "text"], rowTypes: ["uuid", "text[]"], usesValues: false)
        #expect(source.singleRowSQL == "(VALUES ($1::uuid, $2::text[])) AS u(id, tags)")
        #expect(source.sql(rows: 1) == "unnest($1::uuid[], $2::text[]) AS u(id, tags)")
        // Without row types (code generated before them), a VALUES source already has them and
        // an unnest source has none: one row then goes through unnest.
        #expect(BulkSource(columns: ["id", "at"], types: ["uuid", "timestamptz[]"], usesValues: true).singleRowSQL
            == "(VALUES ($1::uuid, $2::timestamptz[])) AS u(id, at)")
        #expect(BulkSource(columns: ["id", "tags"], types: ["uuid", "text"], usesValues: false).singleRowSQL == nil)
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
        let exists = RepositoryQuery.exists("SELECT name FROM things", where: Filter<Thing>.all)
        #expect(exists.sql == "SELECT EXISTS (SELECT name FROM things WHERE TRUE LIMIT $1)")
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
