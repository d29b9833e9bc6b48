/// What a diff of two snapshots found: the changes in the order they must run, those among them
/// that can lose data, and the errors that stop a migration from being written.
public struct SchemaDiff: Sendable, Hashable {
    /// Every change, dependency-ordered: enum types and values, renames, drops of constraints and
    /// indexes, new tables, column changes, new constraints and indexes, then dropped columns,
    /// tables and types.
    public var changes: [SchemaChange]
    /// The changes that need consent (`--allow-destructive`).
    public var destructive: [DestructiveChange]
    /// Changes that cannot be written at all (an enum losing a value, a rename of nothing), with
    /// the place in the schema where there is one.
    public var errors: [Diagnostic]

    /// Creates a diff.
    public init(changes: [SchemaChange], destructive: [DestructiveChange], errors: [Diagnostic]) {
        self.changes = changes
        self.destructive = destructive
        self.errors = errors
    }

    /// Whether the two schemas are the same.
    public var isEmpty: Bool { changes.isEmpty && errors.isEmpty }
}
