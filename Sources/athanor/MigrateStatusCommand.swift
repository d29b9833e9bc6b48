import ArgumentParser
import Athanor
import AthanorCompilerIO

/// `athanor migrate status --migrations DIR --url URL`.
struct MigrateStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List the applied and pending migrations of a database.",
        discussion: """
        One line per migration, in id order: 'applied', 'partial' (a per-statement migration \
        that stopped half way: how many statements ran) or 'pending', then what would stop an \
        apply, if anything. Takes no lock and changes nothing.

        Exit status: 0 when an apply could run (pending migrations allowed); 1 when it would be \
        refused (an edited migration, a database ahead of the folder, a gap); 2 for a bad folder \
        or URL; 3 when the database cannot be reached.
        """
    )

    @Option(name: .long, help: "The migrations folder (default: migrations).")
    var migrations = "migrations"

    @Option(name: .long, help: "The database URL (default: DATABASE_URL).")
    var url: String?

    func run() async throws {
        let url = try exitingWithStatus { () throws(CommandFailure) in try MigrationShell.databaseURL(self.url) }
        let known = try exitingWithStatus { () throws(CommandFailure) in try MigrationShell.migrations(in: migrations) }
        let (pool, _) = try await MigrationShell.connect(url)
        let status: MigrationStatus
        do {
            status = try await Migrator(migrations: known).status(on: pool)
            await pool.close()
        } catch {
            await pool.close()
            throw MigrationShell.failing(error)
        }
        print(Self.lines(status).joined(separator: "\n"))
        if let problem = status.problem {
            StandardError.write("error: \(problem)\n")
            throw ExitCode(CommandFailure.schemaErrors.status)
        }
    }

    static func lines(_ status: MigrationStatus) -> [String] {
        var lines: [String] = []
        for row in status.applied {
            if row.isComplete {
                lines.append("applied  \(row.id)  \(row.appliedAt ?? "")  \(row.statementsTotal) statements  \(row.durationMilliseconds ?? 0) ms")
            } else {
                lines.append("partial  \(row.id)  \(row.statementsApplied) of \(row.statementsTotal) statements")
            }
        }
        let recorded = Set(status.applied.map(\.id))
        for id in status.pending where !recorded.contains(id) { lines.append("pending  \(id)") }
        lines.append("\(status.applied.filter(\.isComplete).count) applied, \(status.pending.count) pending")
        return lines
    }
}
