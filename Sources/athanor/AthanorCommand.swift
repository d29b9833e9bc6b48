import ArgumentParser

/// The `athanor` command-line tool: a thin shell around `AthanorCompiler` and `Athanor`.
@main
struct AthanorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "athanor",
        abstract: "Compile .schema files to SQL DDL and typed Swift, and talk to CockroachDB and PostgreSQL.",
        subcommands: [
            // Each subcommand lives in its own file: <Name>Command.swift.
            CheckCommand.self,
            DDLCommand.self,
            GenerateCommand.self,
            ApplyCommand.self,
            PingCommand.self,
            DevCommand.self,
        ]
    )
}
