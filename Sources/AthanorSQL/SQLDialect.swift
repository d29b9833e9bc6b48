/// The SQL product a schema is compiled for, a URL names, or a server speaks.
public enum SQLDialect: String, Sendable, Hashable, CaseIterable, Comparable {
    /// PostgreSQL 13 or later (`gen_random_uuid()` is built in from 13); URLs `postgresql://`,
    /// `postgres://`.
    case postgresql
    /// CockroachDB 23.1 or later; URLs `cockroachdb://`, default port 26257.
    case cockroachdb

    /// The name people write: "PostgreSQL" or "CockroachDB".
    public var productName: String {
        switch self {
        case .postgresql: "PostgreSQL"
        case .cockroachdb: "CockroachDB"
        }
    }

    /// The port used when a URL names none.
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

    /// PostgreSQL sorts before CockroachDB (the order of `allCases`).
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
