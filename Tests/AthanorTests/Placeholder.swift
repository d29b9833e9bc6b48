import Testing
@testable import Athanor
@Test func placeholder() { #expect(Bool(true)) }
