// Built with Athanor's package trait "Tracing" (scripts/test enables every trait; TraitsTests fails in CI without it).
#if Tracing
import Athanor
import AthanorTesting
import AthanorTracing
import InMemoryTracing
import ShopFixture
import Testing
import Tracing

/// A span per repository call, named by statement kind and table, without values.
@Suite(.serialized, .tags(.postgres))
struct RepositoryTracerTests {
    static let email = "traced-ada@example.com"
    static let name = "Ada Traced-Lovelace"

    @Test func eachRepositoryCallIsASpanWithoutValues() async throws {
        let tracer = InMemoryTracer()
        RepositoryCallObservers.install(RepositoryTracer(tracer: tracer))
        defer { RepositoryCallObservers.install(nil) }
        // The calls run under a parent span of this test: other suites' repository calls in the
        // same process (the observer is process-wide) belong to other traces.
        let parent = tracer.startSpan("repository tracer test")
        let context = parent.context
        try await ServiceContext.withValue(context) {
            try await ShopDatabase.with { pool in
                let users = UserRepository(pool)
                let ada = try await users.create(User(email: Self.email, name: Self.name))
                _ = try await users.upsert(User(email: Self.email, name: Self.name + " II"), matching: .email)
                _ = try await users.list(where: User.columns.email == Self.email)
                _ = try await users.createMany([])                       // no round trip: no span
                await #expect(throws: AthanorError.self) {               // a unique violation: an error span
                    try await users.create(User(email: Self.email, name: "Twin"))
                }
                let blocking = UserBlockingRepository(pool)
                let count = try await onThread { try ServiceContext.withValue(context) { try blocking.count() } }
                #expect(count == 1)
                _ = try await users.delete(ada.id)
            }
        }
        parent.end()
        let spans = tracer.finishedSpans.filter {
            $0.traceID == parent.spanContext.traceID && $0.attributes["db.collection.name"]?.toSpanAttribute() == "users"
        }
        #expect(spans.map(\.operationName) == ["INSERT users", "INSERT users", "SELECT users", "INSERT users", "SELECT users", "DELETE users"])
        #expect(spans.map { $0.attributes["athanor.operation"]?.toSpanAttribute() } == [
            "create", "upsert", "list", "create", "count", "delete",
        ].map { SpanAttribute.string($0) })
        #expect(spans.allSatisfy { $0.kind == .client })
        #expect(spans[3].status?.code == .error)
        #expect(spans[3].errors.count == 1)
        #expect(spans.enumerated().allSatisfy { $0.offset == 3 || $0.element.status == nil })
        // No value of the calls reaches a span: not the email, not the name.
        let texts = spans.flatMap { span in
            [span.operationName] + span.errors.map { "\($0.error)" } + span.attributesDescriptions
        }
        #expect(!texts.isEmpty)
        #expect(!texts.contains { $0.contains(Self.email) || $0.contains("Traced-Lovelace") })
    }
}

extension FinishedInMemorySpan {
    /// Each attribute as `key=value`.
    var attributesDescriptions: [String] {
        var texts: [String] = []
        attributes.forEach { key, value in texts.append("\(key)=\(value)") }
        return texts
    }
}
#endif
