import Athanor
import Foundation
import SchemaExamplesFixture
import Testing

extension GeneratedCodeOnTheServer.SchemaExamplesTests {
    /// `Names.schema`: models named `Column`, `Date` and `Filter`, fields named like types
    /// (`Date`, `String`, `UUID`, `Column`, their own model), like contextual keywords (`Type`,
    /// `Any`, `Self`, `Protocol`, `deinit`) and like the generated code's members (`Columns`,
    /// `MatchKey`, `table`): the generated code compiles (it names every type with its module)
    /// and every value round-trips, in both forms.
    @Test(arguments: Form.allCases)
    func namesLikeTypesAndKeywords(_ form: Form) async throws {
        try await Self.with { pool in
            let columns = form.repository(pool, of: SchemaExamplesFixture.Column.self)
            let when = Foundation.Date(timeIntervalSince1970: 1_700_000_000)
            let value = SchemaExamplesFixture.Column(
                Date: when, String: "s", UUID: UUID(), Int64: 64, Column: "c", Filter: "f", Optional: 1, Array: ["a"],
                Type: 2, Any: 3, Self: 4, Protocol: 5, deinit: 6, Columns: 7, MatchKey: 8, PrimaryKey: 9, table: "t")
            let stored = try await columns.create(value)
            #expect(stored == value)
            #expect(stored.Type == 2 && stored.Any == 3 && stored.`Self` == 4 && stored.deinit == 6 && stored.table == "t")
            #expect(try await columns.call({ try await $0.find(Column: "c") }, { try $0.find(Column: "c") }) == value)
            let typed = SchemaExamplesFixture.Column.columns
            #expect(try await columns.list(where: typed.Type == 2 && typed.Any > 2 && typed.Date.before(when.addingTimeInterval(1))) == [value])
            #expect(try await columns.upsert(value, matching: .Column).id == value.id)

            let dates = form.repository(pool, of: SchemaExamplesFixture.Date.self)
            let date = try await dates.create(SchemaExamplesFixture.Date(Date: when))
            #expect(date.Date == when && date.Kind == .Kind)
            let other = try await dates.upsert(SchemaExamplesFixture.Date(Date: when, Kind: .Kind), matching: .KindDate)
            #expect(other.id == date.id && other.createdAt == date.createdAt)
            #expect(try await dates.count(where: SchemaExamplesFixture.Date.columns.Kind == .Kind) == 1)

            let filters = form.repository(pool, of: SchemaExamplesFixture.Filter.self)
            let filter = try await filters.create(SchemaExamplesFixture.Filter(Filter: "x"))
            let id = try #require(filter.id)
            #expect(try await filters.call({ try await $0.find(Filter: "x") }, { try $0.find(Filter: "x") })?.id == id)
            #expect(try await filters.copyMany([SchemaExamplesFixture.Filter(Filter: "y")]) == 1)
            #expect(try await filters.deleteMany([id]) == 1)
            #expect(try await filters.count() == 1)
        }
    }
}
