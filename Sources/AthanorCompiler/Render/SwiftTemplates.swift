import Mustache

/// The templates the Swift back end renders: the built-in ones of the top-level `Templates/`
/// folder (compiled into the tool), each replaceable by a template of the same file name.
public struct SwiftTemplates: Sendable {
    /// The file names of the built-in templates.
    public static let names = [
        "SchemaFile.swift.mustache", "Enum.swift.mustache", "Model.swift.mustache", "Repository.swift.mustache",
        "BlockingRepository.swift.mustache", "Schema.swift.mustache",
    ]

    /// A template that does not parse, or an override that matches no built-in template.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong, naming the template.
        public var description: String
    }

    let library: MustacheLibrary

    /// The built-in templates, with `overrides` (file name, such as `Model.swift.mustache`, to
    /// template text) in place of the built-in ones of the same name.
    public init(overrides: [String: String] = [:]) throws(Failure) {
        for name in overrides.keys.sorted() where !Self.names.contains(name) {
            throw Failure(description: "\(name) replaces no template; the templates are \(Self.names.joined(separator: ", "))")
        }
        var library = MustacheLibrary()
        for name in Self.names {
            let text = overrides[name] ?? Self.builtIn(name)
            do {
                library.register(try MustacheTemplate(string: text), named: String(name.dropLast(".mustache".count)))
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
        case "BlockingRepository.swift.mustache": PackageResources.BlockingRepository_swift_mustache
        case "Schema.swift.mustache": PackageResources.Schema_swift_mustache
        default: []
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func render(_ context: Any, _ name: String) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
