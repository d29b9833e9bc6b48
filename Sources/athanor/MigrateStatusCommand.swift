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

    /// The lines `status` prints: one per migration (the one an apply would stop at says why),
    /// then the counts and what to run next.
    static func lines(_ status: MigrationStatus) -> [String] {
        var edited: String?
        var unknown: Set<String> = []
        var outOfOrder: String?
        switch status.problem {
        case .checksumChanged(let id, _, _): edited = id
        case .databaseAhead(let ids): unknown = Set(ids)
        case .gap(let pending, _): outOfOrder = pending
        default: break
        }
        var lines: [String] = []
        for row in status.applied {
            var line: String
            if row.isComplete {
                line = "applied  \(row.id)  \(row.appliedAt ?? "")  \(Self.statements(row.statementsTotal))  \(row.durationMilliseconds ?? 0) ms"
            } else {
                line = "partial  \(row.id)  \(row.statementsApplied) of \(Self.statements(row.statementsTotal)) ran; "
                    + "apply resumes at statement \(row.statementsApplied + 1)"
            }
            if row.id == edited { line += "  EDITED since it was applied (its checksum differs)" }
            if unknown.contains(row.id) { line += "  NOT IN THE FOLDER (applied by other code)" }
            lines.append(line)
        }
        let recorded = Set(status.applied.map(\.id))
        for id in status.pending where !recorded.contains(id) {
            lines.append("pending  \(id)" + (id == outOfOrder ? "  OUT OF ORDER (sorts before an applied migration)" : ""))
        }
        let applied = status.applied.filter(\.isComplete).count
        var summary = "\(applied) applied, \(status.pending.count) pending"
        if status.problem != nil {
            summary += ": 'athanor migrate apply' would refuse to run (see the error)"
        } else if !status.pending.isEmpty {
            summary += ": run 'athanor migrate apply' to apply \(status.pending.count == 1 ? "it" : "them")"
        } else {
            summary += ": up to date"
        }
        lines.append(summary)
        return lines
    }

    private static func statements(_ count: Int) -> String { "\(count) statement\(count == 1 ? "" : "s")" }
}
