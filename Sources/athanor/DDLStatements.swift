import ArgumentParser
import Athanor
import AthanorCompilerIO

/// Running the statements of a DDL script in one transaction with the runtime's
/// `Connection.applyDDL` (the same code behind `AthanorSchema.createTables`), reporting a failed
/// statement on standard error.
enum DDLStatements {
    /// BEGIN, every statement, COMMIT; on a failure, ROLLBACK and an error naming the statement
    /// (`statement 2 of 8 failed, nothing was applied: CREATE TABLE pet (`), exit status 1.
    /// Returns how many statements ran.
    static func apply(_ statements: [String], on connection: Connection) async throws -> Int {
        do {
            try await connection.applyDDL(statements)
        } catch let error as DDLStatementError {
            StandardError.write("error: \(error.debugDescription)\n")
            throw ExitCode(1)
        }
        return statements.count
    }
}
