/// What ``Compiler/generate(sources:options:)`` is asked to produce, besides the sources.
public struct GenerationOptions: Sendable, Hashable {
    /// The folder the generated file names are relative to (the target's folder): a schema at
    /// `root/schemas/Shop.schema` gives `schemas_Shop.swift`. A schema outside it, or every schema
    /// when it is `nil`, gives a name after its file name only (`Shop.swift`).
    public var root: String?
    /// The folder that relative source paths and a relative ``root`` start from, for naming only
    /// (nothing is read there); `nil` compares relative paths as written.
    public var workingDirectory: String?
    /// Templates that replace the built-in ones of the same file name (`Model.swift.mustache`,
    /// ...), with the path a problem in them is reported at.
    public var templateOverrides: [SourceFile]
    /// The target's migrations, embedded in `AthanorSchema.migrations` for `AthanorSchema.migrate(on:)`.
    public var migrations: [EmbeddedMigration]

    /// Creates options; by default names after file names, the built-in templates, no migrations.
    public init(root: String? = nil, workingDirectory: String? = nil, templateOverrides: [SourceFile] = [],
                migrations: [EmbeddedMigration] = []) {
        self.root = root
        self.workingDirectory = workingDirectory
        self.templateOverrides = templateOverrides
        self.migrations = migrations
    }
}
