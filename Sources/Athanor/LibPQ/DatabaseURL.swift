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
/// The description never contains the password, and neither does reflection (`dump(url)`,
/// `Mirror`): the password and `sslpassword` show as `***`.
///
/// ## Reserved characters
///
/// Percent-encode `@` as `%40`, `/` as `%2F` and `?` as `%3F` in the user name and the password
/// (and `@` and `/` in the database name, `@` in parameter values). A URL with an `@` after the host
/// part, or a `/` in the database name, cannot be read unambiguously (the password's tail would
/// be read as the database name and printed), so it is refused with
/// ``AthanorError/invalidURL(reason:)``, whose reason names the fix and quotes nothing of the URL:
///
/// ```swift
/// try DatabaseURL("postgresql://app:Zq9@x/y@db1/shop")     // throws: an '@' after the host part ...
/// try DatabaseURL("postgresql://app:Zq9%40x%2Fy@db1/shop") // the password is Zq9@x/y
/// ```
///
/// ## Connecting to several hosts
///
/// Each connection attempt tries the hosts one at a time, starting with the one the pool chose
/// (round robin), and moves to the next when a host refuses, fails or does not answer in time.
/// The whole attempt is bounded by the pool's ``PoolConfiguration/timeout`` (less a tenth, at
/// most 1 s, so that the pool's timeout error can name each host's cause), and each host by a
/// share of it: the time left divided by the hosts left, at least 0.5 s and at most 5 s while
/// other hosts remain; the last host gets all the time left. `connect_timeout=N` in the URL
/// bounds each host to N seconds instead (`0`: no bound of its own). A host name is resolved
/// by the system's resolver, which Athanor cannot bound.
///
/// ## TCP keepalives
///
/// Unless the URL sets them, every TCP connection gets `keepalives=1`, `keepalives_idle=30`,
/// `keepalives_interval=10`, `keepalives_count=3` and `tcp_user_timeout=60000`: a server that
/// vanished (a crash, a partition, a dropped NAT entry) is detected after about 60 s of silence,
/// whether the connection is idle, waiting for an answer, or has data unacknowledged, instead
/// of the operating system's two hours (idle) or about 15 minutes (retransmissions); probes also
/// keep idle connections alive through NATs and load balancers that drop quiet flows after
/// minutes. A server that is alive answers the probes, so a long query is never cut by them.
/// `tcp_user_timeout` also cuts a connection whose server has not read what was sent for 60 s
/// (a COPY into a table locked by another transaction): set `tcp_user_timeout=0` in the URL to
/// turn that off. Unix-socket connections ignore all five.
public struct DatabaseURL: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
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
    ///
    /// Works on UTF-8 bytes: every occurrence of every secret is marked on the original text
    /// first, then each marked run becomes `***`. Replacing the secrets one after the other
    /// could break an overlapping occurrence of another (`abc` and `bcd` in `abcd` would leave
    /// `d`), and matching by `Character` would miss a secret that ends inside a grapheme.
    func redact(_ text: String) -> String {
        let secrets = self.secrets.map { Array($0.utf8) }
        guard !secrets.isEmpty else { return text }
        let bytes = Array(text.utf8)
        var hidden = [Bool](repeating: false, count: bytes.count)
        for secret in secrets where secret.count <= bytes.count {
            for start in 0...(bytes.count - secret.count) where bytes[start..<start + secret.count].elementsEqual(secret) {
                for index in start..<start + secret.count { hidden[index] = true }
            }
        }
        guard hidden.contains(true) else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for index in bytes.indices {
            if !hidden[index] {
                result.append(bytes[index])
            } else if index == 0 || !hidden[index - 1] {
                result += Array("***".utf8)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The URL with `***` in place of the password and of `sslpassword`: safe to print and log.
    /// Every part is percent-encoded as needed, so the description parses back to the same URL
    /// (the secrets aside): an empty password is not a secret and prints as nothing.
    public var description: String {
        var text = "\(scheme)://"
        if user != nil || password != nil {
            text += user.map { URLParser.percentEncode($0) } ?? ""
            if let password { text += password.isEmpty ? ":" : ":***" }
            text += "@"
        }
        text += endpoints.map { endpoint in
            // An IPv6 literal keeps its colons inside brackets; a zone's `%` is encoded.
            let host = endpoint.host.contains(":")
                ? "[" + URLParser.percentEncode(endpoint.host, keeping: ":") + "]"
                : URLParser.percentEncode(endpoint.host)
            return "\(host):\(endpoint.port)"
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

    /// The same as ``description``: `***` in place of the secrets.
    public var debugDescription: String { description }

    /// Equal when the printed forms and the secrets are equal.
    public static func == (lhs: DatabaseURL, rhs: DatabaseURL) -> Bool {
        lhs.description == rhs.description && lhs.secrets == rhs.secrets
    }

    /// Hashes the printed form (no secret), consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}
