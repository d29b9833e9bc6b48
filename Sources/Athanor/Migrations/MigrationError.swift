/// Why migrations were not applied. Every check runs before the first statement: a checksum
/// change, a database ahead of the code or a gap applies nothing.
public enum MigrationError: Error, Sendable, CustomStringConvertible {
    /// An applied migration's SQL changed since (its file was edited after it was applied).
    case checksumChanged(id: String, recorded: String, current: String)
    /// The database has applied migrations the code does not know (a newer release applied them,
    /// or a migration folder was deleted).
    case databaseAhead(unknown: [String])
    /// A migration of the code sorts before one already applied, and was never applied itself
    /// (two branches merged with ids out of order).
    case gap(pending: String, appliedAfter: String)
    /// The migration has no SQL for the server's dialect.
    case missingDialect(id: String, dialect: SQLDialect)
    /// A statement failed. ``MigrationOptions/Mode/transactional``: nothing of the migration remains (statements
    /// marked non-transactional that ran before it stay). ``MigrationOptions/Mode/perStatement``: the first
    /// `number - 1` statements stay applied and recorded, and the next run resumes at `number`.
    case statementFailed(id: String, number: Int, count: Int, statement: String, underlying: AthanorError)
    /// Another applier held the lock for longer than ``MigrationOptions/lockTimeout``.
    case lockTimeout(seconds: Double)
    /// Reading or writing the history table (or the lock) failed.
    case database(AthanorError)

    /// One line naming the migration and what to do; no values of rows, no password.
    public var description: String {
        switch self {
        case .checksumChanged(let id, _, _):
            "the migration \(id) was edited after it was applied (its checksum differs): restore it, and write the change as a new migration"
        case .databaseAhead(let unknown):
            "the database has applied migrations this code does not know: \(unknown.joined(separator: ", ")); deploy the code that has them"
        case .gap(let pending, let appliedAfter):
            "the migration \(pending) sorts before \(appliedAfter), which is already applied, and was never applied itself: "
                + "give it a later id (rename its folder with a newer timestamp) so that it runs after \(appliedAfter)"
        case .missingDialect(let id, let dialect):
            "the migration \(id) has no \(dialect.rawValue).sql, so it cannot be applied to \(dialect.productName): "
                + "add the file to its folder (written by hand for a migration made with --empty)"
        case .statementFailed(let id, let number, let count, let statement, let underlying):
            "statement \(number) of \(count) of the migration \(id) failed: \(statement.split(separator: "\n").first.map(String.init) ?? statement) "
                + "(\(underlying.description)); fix the statement or the data it needs and apply again "
                + "(a per-statement migration resumes at this statement)"
        case .lockTimeout(let seconds):
            "another applier held the migration lock for more than \(seconds) s: let it finish and apply again, or raise "
                + "MigrationOptions.lockTimeout (a lease row left by an applier that died runs out after its lease)"
        case .database(let error):
            "the migration history could not be read or written: \(error.description)"
        }
    }
}
