/// The server a development folder runs: PostgreSQL (the default) or CockroachDB.
public enum DevServerKind: String, Sendable, CaseIterable {
    /// PostgreSQL, from the binaries found by ``PostgresBinaries``.
    case postgres
    /// CockroachDB: `cockroach start-single-node --insecure`, from the `cockroach` on the PATH.
    case cockroachdb

    /// The subfolder of the development folder that holds this server's files.
    var folderName: String { rawValue }

    /// The product's name, for messages.
    public var productName: String {
        switch self {
        case .postgres: "PostgreSQL"
        case .cockroachdb: "CockroachDB"
        }
    }
}
