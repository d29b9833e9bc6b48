import Testing
@testable import AthanorCompiler
@Test func placeholder() { #expect(Bool(true)) }
