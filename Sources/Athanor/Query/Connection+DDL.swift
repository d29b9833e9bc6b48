/// A statement of a DDL script failed, so the whole script was rolled back: nothing was applied.
/// The server's error is ``underlying``.
public struct DDLStatementError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The failed statement's number, from 1.
    public var number: Int
    /// How many statements the script has.
    public var count: Int
    /// The failed statement.
    public var statement: String
    /// Why it failed (`42P07 duplicate_table`, a lost connection, ...).
    public var underlying: AthanorError

    /// Creates the error.
    public init(number: Int, count: Int, statement: String, underlying: AthanorError) {
        self.number = number
        self.count = count
        self.statement = statement
        self.underlying = underlying
    }

    /// The statement's first line (`CREATE TABLE pet (`).
    public var firstLine: String { statement.split(separator: "\n").first.map(String.init) ?? statement }

    /// `statement 2 of 8 failed, nothing was applied: CREATE TABLE pet (`, then the cause.
    public var description: String {
        "statement \(number) of \(count) failed, nothing was applied: \(firstLine) (\(underlying.description))"
    }

    /// ``description`` and the cause's details (the server's message).
    public var debugDescription: String {
        "statement \(number) of \(count) failed, nothing was applied: \(firstLine)\n  \(underlying.debugDescription)"
    }
}

extension Connection {
    /// Runs `statements` (each one whole statement, such as `DDLScript.statements`) in one
    /// transaction: every statement runs or none does. A failed statement rolls the transaction
    /// back and throws ``DDLStatementError`` naming it.
    ///
    /// ```swift
    /// try await connection.applyDDL(AthanorSchema.script(for: connection.serverDialect).statements)
    /// ```
    public func applyDDL(_ statements: [String]) async throws {
        try await executeScript("BEGIN")
        for (offset, statement) in statements.enumerated() {
            do {
                try await executeScript(statement)
            } catch {
                try? await executeScript("ROLLBACK")
                guard let error = error as? AthanorError else { throw error }
                throw DDLStatementError(number: offset + 1, count: statements.count, statement: statement, underlying: error)
            }
        }
        try await executeScript("COMMIT")
    }
}
