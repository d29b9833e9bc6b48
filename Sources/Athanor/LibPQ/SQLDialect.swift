/// The SQL product a URL or a server speaks.
public enum SQLDialect: String, Sendable, Hashable, CaseIterable {
    /// PostgreSQL (`postgresql://`, `postgres://`).
    case postgresql
    /// CockroachDB (`cockroachdb://`, default port 26257).
    case cockroachdb

    /// "PostgreSQL" or "CockroachDB".
    public var productName: String {
        switch self {
        case .postgresql: "PostgreSQL"
        case .cockroachdb: "CockroachDB"
        }
    }

    /// The port used when the URL names none.
    public var defaultPort: Int {
        switch self {
        case .postgresql: 5432
        case .cockroachdb: 26257
        }
    }

    /// The dialect a `SELECT version()` string reveals.
    public init(versionString: String) {
        self = versionString.contains("CockroachDB") ? .cockroachdb : .postgresql
    }
}
