import ArgumentParser

/// `athanor dev start | stop | status | url`: a development server in one command (the shell
/// around `AthanorDevServer`).
struct DevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Start, stop and locate a development PostgreSQL (or CockroachDB) for this package.",
        discussion: """
        The server lives in .athanor/dev (keep it out of git: add '.athanor/' to .gitignore), \
        listens on a free port of 127.0.0.1, trusts loopback connections, and runs until \
        'athanor dev stop'. PostgreSQL comes from the programs on this machine (pg_config --bindir, \
        /usr/lib/postgresql/*/bin, ...; ATHANOR_PG_BIN overrides) and runs as the current user, or \
        as 'postgres' when run as root. With --cockroachdb: 'cockroach start-single-node --insecure' \
        from the PATH.

        Examples:
          athanor dev start --apply Sources/ShopModels     # the URL is the last line of stdout
          export ATHANOR_TEST_DATABASE_URL=$(athanor dev url)
          athanor dev status
          athanor dev stop
        """,
        subcommands: [DevStartCommand.self, DevStopCommand.self, DevStatusCommand.self, DevURLCommand.self]
    )
}

/// The options every `dev` subcommand takes: which folder, which server.
struct DevServerSelection: ParsableArguments {
    @Option(name: .long, help: "The development folder.")
    var dataDir: String = ".athanor/dev"

    @Flag(name: .long, help: "The CockroachDB server instead of PostgreSQL (untested: needs 'cockroach' on the PATH).")
    var cockroachdb = false
}
