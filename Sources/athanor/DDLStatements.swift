import Foundation
import ArgumentParser
import Athanor

/// The statements of a DDL script, and running them in one transaction.
enum DDLStatements {
    /// The script's statements: blocks separated by blank lines, comment-only blocks dropped.
    static func split(_ ddl: String) -> [String] {
        ddl.split(separator: "\n\n").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { block in block.split(separator: "\n").contains { !$0.hasPrefix("--") } }
    }

    /// BEGIN, every statement, COMMIT; on a failure, ROLLBACK and an error naming the statement.
    static func apply(_ statements: [String], on connection: Connection) async throws {
        try await connection.executeScript("BEGIN")
        for (offset, statement) in statements.enumerated() {
            do {
                try await connection.executeScript(statement)
            } catch {
                try? await connection.executeScript("ROLLBACK")
                let firstLine = statement.split(separator: "\n").first.map(String.init) ?? statement
                StandardError.write("error: statement \(offset + 1) of \(statements.count) failed, nothing was applied: \(firstLine)\n  \(String(reflecting: error))\n")
                throw ExitCode(1)
            }
        }
        try await connection.executeScript("COMMIT")
    }
}
