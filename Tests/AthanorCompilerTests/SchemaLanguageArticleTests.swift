import AthanorCompiler
import Foundation
import Testing

/// The Schema Language article's diagnostics are the compiler's: each example compiles to the
/// text shown under it, each migration example diffs to the text shown under it, and every
/// message the compiler can emit has an example.
struct SchemaLanguageArticleTests {
    static let article = RepositoryFiles.root.appending(path: "Sources/Athanor/Athanor.docc/SchemaLanguage.md")

    /// Each ```schema block followed by a ```text block of `example.schema:` lines.
    static func examples() throws -> [(schema: String, shown: String)] {
        let text = try RepositoryFiles.text(article)
        let pattern = try Regex(#"```schema\n((?:[^`]|`(?!``))*?)```\n\n```text\n(example\.schema:(?:[^`]|`(?!``))*?)```\n"#)
        return text.matches(of: pattern).compactMap { match in
            guard let schema = match.output[1].substring, let shown = match.output[2].substring else { return nil }
            return (String(schema), String(shown))
        }
    }

    /// Each migration example: the ```schema block the last migration was written from, the
    /// ```schema block as edited since, and a ```text block of what `athanor migrate diff next
    /// example.schema` prints (its first line is the command).
    static func migrationExamples() throws -> [(previous: String, schema: String, shown: String)] {
        let text = try RepositoryFiles.text(article)
        let block = #"((?:[^`]|`(?!``))*?)```\n"#
        let pattern = try Regex(#"```schema\n"# + block + #"\n```schema\n"# + block
                                + #"\n```text\n\$ athanor migrate diff next example\.schema\n"# + block)
        return text.matches(of: pattern).compactMap { match in
            guard let previous = match.output[1].substring, let schema = match.output[2].substring,
                  let shown = match.output[3].substring else { return nil }
            return (String(previous), String(schema), String(shown))
        }
    }

    @Test func everyExampleGivesTheDiagnosticsShown() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 50)
        for example in examples {
            let sources = [SourceFile(path: "example.schema", text: example.schema)]
            let result = Compiler.compile(sources: sources, options: CompilerOptions())
            let printed = DiagnosticFormatter(sources: sources).format(result.diagnostics)
            #expect(printed == example.shown, "scripts/record-schema-diagnostics re-records the article")
        }
    }

    /// The previous schema compiles without errors; its snapshot, diffed with the edited schema
    /// (no consent to destructive changes), gives the diagnostics shown.
    @Test func everyMigrationExampleGivesTheDiagnosticsShown() throws {
        let examples = try Self.migrationExamples()
        #expect(examples.count >= 8)
        for example in examples {
            let previous = Compiler.compile(sources: [SourceFile(path: "example.schema", text: example.previous)],
                                            options: CompilerOptions())
            let catalog = try #require(previous.catalog, "the previous schema of a migration example must compile")
            let sources = [SourceFile(path: "example.schema", text: example.schema)]
            let result = Compiler.migrate(from: SchemaSnapshot(catalog: catalog), sources: sources, allowDestructive: false)
            let printed = DiagnosticFormatter(sources: sources).format(result.diagnostics)
            #expect(!printed.isEmpty)
            #expect(printed == example.shown, "scripts/record-schema-diagnostics re-records the article")
        }
    }

    /// The message of every `error(`, `warning(` and `note(` call of the compiler's sources, as
    /// a pattern (each interpolation matches anything), must match a diagnostic of an example
    /// (a diagnostic without a place, such as a refused migration, starts its line).
    @Test func everyCompilerMessageHasAnExample() throws {
        let shown = try (Self.examples().map(\.shown) + Self.migrationExamples().map(\.shown))
            .flatMap { $0.split(separator: "\n").map(String.init) }
        let sources = RepositoryFiles.root.appending(path: "Sources/AthanorCompiler")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        let call = try Regex(#"(?:error|warning|note)\(\s*"((?:[^"\\]|\\.)*)""#)
        var templates: [String] = []
        for file in files {
            for match in try RepositoryFiles.text(file).matches(of: call) {
                if let message = match.output[1].substring { templates.append(String(message)) }
            }
        }
        #expect(templates.count >= 60)
        for template in templates {
            let pattern = Self.pattern(of: template)
            #expect(shown.contains { $0.contains(pattern) }, "no example in SchemaLanguage.md shows '\(template)'")
        }
    }

    /// A template's fixed text as a regex, each `\(...)` interpolation matching anything.
    static func pattern(of template: String) -> Regex<AnyRegexOutput> {
        var pieces: [String] = []
        var literal = ""
        var index = template.startIndex
        while index < template.endIndex {
            if template[index...].hasPrefix("\\(") {
                var depth = 0
                var end = template.index(after: index)
                repeat {
                    if template[end] == "(" { depth += 1 } else if template[end] == ")" { depth -= 1 }
                    end = template.index(after: end)
                } while depth > 0 && end < template.endIndex
                pieces.append(NSRegularExpression.escapedPattern(for: Self.unescaped(literal)))
                pieces.append(".*")
                literal = ""
                index = end
            } else {
                literal.append(template[index])
                index = template.index(after: index)
            }
        }
        pieces.append(NSRegularExpression.escapedPattern(for: Self.unescaped(literal)))
        // A template the regex cannot hold matches nothing, and the test names it.
        return (try? Regex("(?:^|: )(?:error|warning|note): " + pieces.joined())) ?? (try! Regex("(?!)"))
    }

    /// A Swift string literal's text: `\"` and `\\` as the characters they stand for.
    static func unescaped(_ literal: String) -> String {
        literal.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
    }
}
