import Athanor
import Foundation

/// A scratch database for the tour: created on the server of `admin`, dropped afterwards.
enum Scratch {
    static func with(_ admin: DatabaseURL, _ body: (DatabaseURL) async throws -> Void) async throws {
        let name = "athanor_shop_tour_" + UUID().uuidString.lowercased().replacing("-", with: "").prefix(12)
        let connection = try await Connection.connect(to: admin)
        try await connection.executeScript("CREATE DATABASE \(SQLIdentifier.quoted(name))")
        var url = admin
        url.database = name
        print("Shop tour in the scratch database \(name) (dropped at the end)")
        do {
            try await body(url)
        } catch {
            try? await drop(name, on: connection, dialect: admin.dialect)
            throw error
        }
        try await drop(name, on: connection, dialect: admin.dialect)
    }

    static func drop(_ name: String, on connection: Connection, dialect: SQLDialect) async throws {
        let force = dialect == .postgresql ? " WITH (FORCE)" : " CASCADE"
        try await connection.executeScript("DROP DATABASE \(SQLIdentifier.quoted(name))\(force)")
    }
}
