import ArgumentParser
import Athanor
import AthanorCompilerIO

/// `athanor migrate apply --migrations DIR --url URL`.
struct MigrateApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply the pending migrations to a database.",
        discussion: """
        Applies, in id order, every migration of the folder not yet in the database's history \
        table (athanor_migrations), in the SQL of the server's dialect (confirmed from the \
        server). PostgreSQL: each migration in one transaction with its history row. CockroachDB: \
        each statement in its own transaction, recorded as it succeeds, so an interrupted \
        migration resumes where it stopped. Concurrent appliers wait for each other (an advisory \
        lock on PostgreSQL, a lease row on CockroachDB). Nothing is applied when an applied \
        migration was edited, when the database has migrations the folder lacks, or when a \
        pending migration sorts before an applied one.

        --lock chooses the lock instead: advisory (PostgreSQL only) or lease-row (any server; \
        an applier that died is taken over once its lease runs out).

        Exit status: 0 when the database is up to date; 1 when a migration was refused or a \
        statement failed; 2 for a bad folder or URL; 3 when the database cannot be reached.

        Example:
          athanor migrate apply --migrations migrations --url postgresql://app@localhost/shop
        """
    )

    @Option(name: .long, help: "The migrations folder (default: migrations).")
    var migrations = "migrations"

    @Option(name: .long, help: "The database URL (default: DATABASE_URL).")
    var url: String?

    @Option(name: .long, help: "The lock against concurrent appliers: advisory or lease-row (default: the server's).")
    var lock: MigrationLockOption?

    func run() async throws {
        let url = try exitingWithStatus { () throws(CommandFailure) in try MigrationShell.databaseURL(self.url) }
        let known = try exitingWithStatus { () throws(CommandFailure) in try MigrationShell.migrations(in: migrations) }
        let (pool, dialect) = try await MigrationShell.connect(url)
        do {
            let report: MigrationReport
            do {
                report = try await Migrator(migrations: known, options: MigrationOptions(lock: lock?.lock)).apply(on: pool)
                await pool.close()
            } catch {
                await pool.close()
                throw error
            }
            for applied in report.applied {
                print("applied \(applied.id) (\(applied.statements) statement\(applied.statements == 1 ? "" : "s")"
                      + "\(applied.resumed ? ", resumed" : ""), \(applied.milliseconds) ms)")
            }
            print(report.applied.isEmpty ? "up to date: \(known.count) migrations applied (\(dialect.productName))"
                  : "applied \(report.applied.count) migration\(report.applied.count == 1 ? "" : "s") (\(dialect.productName))")
        } catch {
            throw MigrationShell.failing(error)
        }
    }
}
