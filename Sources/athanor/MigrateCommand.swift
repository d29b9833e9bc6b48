import ArgumentParser

/// `athanor migrate diff|check|apply|status`: evolve a database with its schemas.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Write migrations from the schemas, check them, and apply them to a database.",
        discussion: """
        A migrations folder (default: ./migrations) holds one folder per migration, sorted by \
        its id: <yyyyMMdd_HHmmss>_<name>/ with postgresql.sql, cockroachdb.sql, snapshot.json \
        (the compiled schema after it) and checksums. 'diff' writes the next one from the \
        schemas and the last snapshot; hand-written migrations sit in the same sequence.
        """,
        subcommands: [MigrateDiffCommand.self, MigrateCheckCommand.self, MigrateApplyCommand.self, MigrateStatusCommand.self]
    )
}
