/// The SQL databases Athanor writes DDL for.
public enum SQLDialect: String, Sendable, Hashable, CaseIterable, Comparable {
    /// PostgreSQL 13 or later (`gen_random_uuid()` is built in from 13).
    case postgresql
    /// CockroachDB 23.1 or later.
    case cockroachdb

    /// The name people write: `PostgreSQL`, `CockroachDB`.
    public var displayName: String {
        switch self {
        case .postgresql: "PostgreSQL"
        case .cockroachdb: "CockroachDB"
        }
    }

    /// PostgreSQL sorts before CockroachDB (the order of `allCases`).
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
