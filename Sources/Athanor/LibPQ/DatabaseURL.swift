/// A parsed `cockroachdb://`, `postgresql://` or `postgres://` URL.
///
/// ```swift
/// let url = try DatabaseURL("cockroachdb://app:secret@db1,db2:26258/shop?sslmode=verify-full")
/// url.dialect       // .cockroachdb
/// url.endpoints     // [db1:26257, db2:26258]
/// "\(url)"          // cockroachdb://app:***@db1:26257,db2:26258/shop?sslmode=verify-full
/// ```
/// Every libpq parameter passes through (`sslmode`, `sslrootcert`, `application_name`,
/// `connect_timeout`, `options`, ...); unknown ones are rejected. The URL is handed to libpq
/// as separate keywords and values, so no value can inject another parameter.
/// The description never contains the password.
public struct DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    /// One host and port.
    public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
        /// The host name, address, or socket directory.
        public var host: String
        /// The port.
        public var port: Int
        /// `host:port`, an IPv6 address in brackets: `[::1]:5432`.
        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// The dialect named by the scheme.
    public var dialect: SQLDialect
    /// The scheme as written (lowercased).
    public var scheme: String
    /// The hosts, in the URL's order.
    public var endpoints: [Endpoint]
    /// The user, if any.
    public var user: String?
    /// The database name, if any.
    public var database: String?
    /// The other parameters, in the URL's order (secrets included, but never printed).
    public var parameters: [(key: String, value: String)] { zip(parameterKeys, parameterValues).map { ($0, $1) } }

    var password: String?
    var parameterKeys: [String]
    var parameterValues: [String]

    /// Parses a URL; throws `AthanorError.invalidURL` with a reason that never quotes a secret.
    public init(_ string: String) throws(AthanorError) {
        self = try URLParser(string).parse()
    }

    init(dialect: SQLDialect, scheme: String, endpoints: [Endpoint], user: String?, password: String?,
         database: String?, parameterKeys: [String], parameterValues: [String]) {
        self.dialect = dialect
        self.scheme = scheme
        self.endpoints = endpoints
        self.user = user
        self.password = password
        self.database = database
        self.parameterKeys = parameterKeys
        self.parameterValues = parameterValues
    }

    /// The secrets a message must never show: the password and `sslpassword`.
    var secrets: [String] {
        var secrets = [password].compactMap { $0 }
        for (key, value) in zip(parameterKeys, parameterValues) where Self.secretKeys.contains(key) {
            secrets.append(value)
        }
        return secrets.filter { !$0.isEmpty }
    }

    static let secretKeys: Set<String> = ["password", "sslpassword"]

    /// Removes every secret of this URL from a text (libpq messages, server messages).
    func redact(_ text: String) -> String {
        var text = text
        for secret in secrets { text = text.replacing(secret, with: "***") }
        return text
    }

    /// The URL with `***` in place of the password and of `sslpassword`: safe to print and log.
    public var description: String {
        var text = "\(scheme)://"
        if let user {
            text += URLParser.percentEncode(user)
            if password != nil { text += ":***" }
            text += "@"
        }
        // A Unix-socket folder is written percent-encoded, so the URL parses back to itself.
        text += endpoints.map { endpoint in
            endpoint.host.hasPrefix("/") ? "\(URLParser.percentEncode(endpoint.host)):\(endpoint.port)" : endpoint.description
        }.joined(separator: ",")
        if let database { text += "/" + URLParser.percentEncode(database) }
        if !parameterKeys.isEmpty {
            let pairs = zip(parameterKeys, parameterValues).map { key, value in
                "\(key)=\(Self.secretKeys.contains(key) ? "***" : URLParser.percentEncode(value))"
            }
            text += "?" + pairs.joined(separator: "&")
        }
        return text
    }

    /// Equal when the printed forms and the secrets are equal.
    public static func == (lhs: DatabaseURL, rhs: DatabaseURL) -> Bool {
        lhs.description == rhs.description && lhs.secrets == rhs.secrets
    }

    /// Hashes the printed form (no secret), consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}
