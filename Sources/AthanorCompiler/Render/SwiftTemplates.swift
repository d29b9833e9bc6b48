import Mustache

/// The templates the Swift back end renders: the built-in ones of the top-level `Templates/`
/// folder (compiled into the tool), each replaceable by a template of the same file name.
public struct SwiftTemplates: Sendable {
    /// The file names of the built-in templates.
    public static let names = [
        "SchemaFile.swift.mustache", "Enum.swift.mustache", "Model.swift.mustache", "Repository.swift.mustache",
        "Schema.swift.mustache",
    ]

    /// A template that does not parse, or an override that matches no built-in template.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong, naming the template (and the place, for a template that does not parse).
        public var description: String
        /// The file name of the template that does not parse.
        public var template: String?
        /// The 1-based line of the problem in ``template``.
        public var line: Int?
        /// The 1-based column of the problem in ``template``.
        public var column: Int?
        /// What is wrong, without the place.
        public var message: String

        init(description: String) {
            self.description = description
            self.message = description
        }

        init(template: String, parserError: MustacheTemplate.ParserError) {
            self.template = template
            line = parserError.context.lineNumber
            column = parserError.context.columnNumber
            message = "the template does not parse: " + Self.explain(parserError.error)
            description = "\(template):\(parserError.context.lineNumber):\(parserError.context.columnNumber): \(message)"
        }

        private static func explain(_ error: any Error) -> String {
            guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
            switch error {
            case .sectionCloseNameIncorrect: return "a section closes with another name than it opened with"
            case .unfinishedName: return "a tag is not closed with '}}'"
            case .expectedSectionEnd: return "a section is never closed (expected '{{/name}}' before the end)"
            default: return "\(error)"
            }
        }
    }

    let library: MustacheLibrary

    /// The built-in templates, with `overrides` (file name, such as `Model.swift.mustache`, to
    /// template text) in place of the built-in ones of the same name.
    public init(overrides: [String: String] = [:]) throws(Failure) {
        for name in overrides.keys.sorted() where !Self.names.contains(name) {
            throw Failure(description: "\(name) replaces no template; the templates are \(Self.names.joined(separator: ", "))")
        }
        SwiftStringContent.register()
        var library = MustacheLibrary()
        for name in Self.names {
            let text = overrides[name] ?? Self.builtIn(name)
            do {
                library.register(try MustacheTemplate(string: text), named: String(name.dropLast(".mustache".count)))
            } catch let error as MustacheTemplate.ParserError {
                throw Failure(template: name, parserError: error)
            } catch {
                throw Failure(description: "\(name): \(error)")
            }
        }
        self.library = library
    }

    /// The text of a built-in template.
    public static func builtIn(_ name: String) -> String {
        let bytes: [UInt8] = switch name {
        case "SchemaFile.swift.mustache": PackageResources.SchemaFile_swift_mustache
        case "Enum.swift.mustache": PackageResources.Enum_swift_mustache
        case "Model.swift.mustache": PackageResources.Model_swift_mustache
        case "Repository.swift.mustache": PackageResources.Repository_swift_mustache
        case "Schema.swift.mustache": PackageResources.Schema_swift_mustache
        default: []
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func render(_ context: Any, _ name: String) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
