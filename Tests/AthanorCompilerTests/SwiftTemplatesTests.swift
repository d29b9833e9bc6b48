import AthanorCompiler
import Testing

/// A template override that does not parse is reported with its place, in words.
@Suite struct SwiftTemplatesTests {
    @Test func anUnclosedSectionNamesItsTemplateLineAndColumn() {
        do {
            _ = try SwiftTemplates(overrides: ["Enum.swift.mustache": "{{% CONTENT_TYPE: TEXT}}\nline\n{{#cases}}\n"])
            Issue.record("the template parsed")
        } catch {
            #expect(error.template == "Enum.swift.mustache")
            #expect(error.line != nil && error.column != nil)
            #expect(error.message == "the template does not parse: a section is never closed (expected '{{/name}}' before the end)")
            #expect(error.description.hasPrefix("Enum.swift.mustache:"))
        }
    }

    @Test func anOverrideOfNoTemplateIsNamed() {
        #expect(throws: SwiftTemplates.Failure.self) { try SwiftTemplates(overrides: ["Nope.swift.mustache": ""]) }
    }
}
