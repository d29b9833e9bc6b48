import ArgumentParser
import AthanorCompilerIO

/// `athanor migrate diff NAME SCHEMA_PATH... [--migrations DIR] [--allow-destructive]`.
struct MigrateDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Write the next migration: the changes from the last snapshot to the schemas.",
        discussion: """
        Compiles the schemas, compares them with the snapshot of the last migration in the \
        migrations folder (none: an empty database), and writes <id>_<NAME>/ with the SQL of \
        both dialects, the new snapshot and the checksums. Renames are never guessed: declare \
        them in the schema with @renamed(from: "old") on a field or @@renamed(from: "Old") in a \
        model. Changes that can lose data or fail on existing rows (a dropped table or column, \
        a narrowed type, NOT NULL without a default) are refused, each named, unless \
        --allow-destructive is given. --empty writes a migration with empty SQL files and the \
        schemas' snapshot, for a change to write by hand (an enum value removed or renamed).

        Exit status: 0 when a migration was written, and when there is nothing to migrate (no \
        folder is written); 1 on schema errors or a refused change; 2 for bad paths.

        Examples:
          athanor migrate diff add_nickname Sources/ShopModels
          athanor migrate diff drop_legacy schemas/ --migrations db/migrations --allow-destructive
        """
    )

    @Argument(help: "The migration's name: letters, digits, '_' and '-'.")
    var name: String

    @Argument(help: "Schema files, or folders to search for .schema files.")
    var paths: [String] = []

    @Option(name: .long, help: "The migrations folder (default: migrations).")
    var migrations = "migrations"

    @Flag(name: .long, help: "Write destructive changes (drops, narrowed types, NOT NULL without a default).")
    var allowDestructive = false

    @Flag(name: .long, help: "Write empty SQL files and the schemas' snapshot, for a migration written by hand.")
    var empty = false

    func validate() throws {
        guard MigrationDiffWriting.isValidName(name) else {
            throw ValidationError("the migration name '\(name)' may hold only letters, digits, '_' and '-'")
        }
    }

    func run() throws {
        try exitingWithStatus { () throws(CommandFailure) in
            try MigrationDiffWriting(name: name, paths: paths, migrations: migrations, allowDestructive: allowDestructive,
                                     empty: empty).run()
        }
    }
}
