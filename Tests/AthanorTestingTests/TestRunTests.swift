@testable import AthanorTesting
import Foundation
import Testing

/// The names a run gives its databases, which the next run reads back.
struct TestRunTests {
    @Test func aRunsNamesParseBackToIt() throws {
        let run = TestRun.make(now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(run.id.count == 16)
        for what in ["1", "42", "template_1", "schemas", "tx_2"] {
            #expect(TestRun(databaseName: run.name(what)) == run)
        }
        #expect(run.started == Date(timeIntervalSince1970: 1_800_000_000))
        #expect(run.lockKey != 0)
    }

    @Test(arguments: ["postgres", "athanor_test_", "athanor_test_123_1", "athanor_test_0123456789ABCDEF_1", "shop_athanor_test_0123456789abcdef_1"])
    func otherNamesAreNotARun(name: String) {
        #expect(TestRun(databaseName: name) == nil)
    }
}
