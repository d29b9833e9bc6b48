/// libpq exposes no SQLSTATE for a failed connection attempt (no `PGresult` exists), so the
/// server's FATAL startup messages are recognized here, and only here. Failures of open
/// connections are classified by `PQstatus` and SQLSTATE, never by text.
enum ConnectFailureClassifier {
    static let patterns: [(String, SQLState)] = [
        ("password authentication failed", .invalidPassword),
        ("SCRAM authentication", .invalidPassword),
        ("no password supplied", .invalidPassword),
        ("role \"", .invalidAuthorizationSpecification),
        ("no pg_hba.conf entry", .invalidAuthorizationSpecification),
        ("database \"", .invalidCatalogName),
        ("too many clients", .tooManyConnections),
        ("the database system is", .cannotConnectNow),
    ]

    static func sqlState(of message: String) -> SQLState? {
        guard let fatal = message.firstRange(of: "FATAL:") else { return nil }
        let serverText = message[fatal.upperBound...]
        return patterns.first { serverText.contains($0.0) }?.1
    }
}
