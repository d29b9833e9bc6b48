import Foundation
import Testing

/// The optional products' tests compile only with Athanor's package traits enabled
/// (`swift test --enable-all-traits`, as scripts/test runs it). Without them those suites are
/// empty: that is fine on a contributor's quick `swift test`, never in CI, where it would hide
/// three products from the suite.
@Suite struct TraitsTests {
    @Test func everyOptionalProductIsBuiltWhereTheirTestsMustRun() {
        var missing: [String] = []
        #if !Metrics
        missing.append("Metrics")
        #endif
        #if !Tracing
        missing.append("Tracing")
        #endif
        #if !ServiceLifecycle
        missing.append("ServiceLifecycle")
        #endif
        guard ProcessInfo.processInfo.environment["CI"] != nil else { return }
        #expect(
            missing.isEmpty,
            "CI must build the optional products: run `swift test --enable-all-traits` (traits off: \(missing))"
        )
    }
}
