import CLibPQ

/// Parses database URLs by hand, so that `cockroachdb://`, several hosts and redaction work
/// the same on every libpq version. Error reasons never quote the URL's secrets.
struct URLParser {
    let text: String

    init(_ text: String) { self.text = text }

    func parse() throws(AthanorError) -> DatabaseURL {
        guard !text.utf8.contains(0) else { throw .invalidURL(reason: "contains a NUL byte") }
        // A URL is ASCII (RFC 3986). A raw combining mark right after ':', '@' or '/' would join
        // it into one Character and hide it from the parser, so that a password could be read as
        // part of the user name and printed: everything else is percent-encoded UTF-8.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            throw .invalidURL(reason: "a character outside ASCII: percent-encode it as UTF-8 (é as %C3%A9)")
        }
        guard let schemeEnd = text.firstRange(of: "://") else {
            throw .invalidURL(reason: "missing scheme (use cockroachdb://, postgresql:// or postgres://)")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        let dialect = try Self.dialect(of: scheme)
        try Self.checkUnambiguous(text[schemeEnd.upperBound...])
        var rest = Self.droppingFragment(text[schemeEnd.upperBound...])

        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var user: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decode(userInfo[..<colon], what: "user")
                password = try Self.decode(userInfo[userInfo.index(after: colon)...], what: "password")
            } else {
                user = try Self.decode(userInfo, what: "user")
            }
        }
        var keys: [String] = []
        var values: [String] = []
        try Self.parseQuery(query, keys: &keys, values: &values)
        var endpoints = try Self.parseHosts(rest, dialect: dialect)
        try Self.moveHostParameters(&endpoints, keys: &keys, values: &values, dialect: dialect)
        guard !endpoints.isEmpty else { throw .invalidURL(reason: "missing host") }
        guard !path.contains("/") else { throw .invalidURL(reason: Self.slashInDatabaseName) }
        let database = path.isEmpty ? nil : try Self.decode(path, what: "database name")
        return DatabaseURL(
            dialect: dialect, scheme: scheme, endpoints: endpoints, user: user.flatMap { $0.isEmpty ? nil : $0 },
            password: password, database: database, parameterKeys: keys, parameterValues: values)
    }

    /// Why an `@` after the host part is refused, and how to write the URL instead.
    static let atAfterHostPart = "an '@' after the host part: the URL cannot be read unambiguously "
        + "(a '/', '?' or '@' in the user name or password, or an '@' in the database name or a parameter); "
        + "percent-encode '@' as %40, '/' as %2F and '?' as %3F"
    /// Why a `/` in the database part is refused, and how to write the URL instead.
    static let slashInDatabaseName = "a '/' in the database name: the URL cannot be read unambiguously "
        + "(a '/' in the password, or in the database name); percent-encode '/' as %2F"

    /// Refuses a URL whose userinfo could spill into the fields that are printed: the userinfo
    /// ends at the last `@` before the first `/` or `?`, so an `@` after that point means that the
    /// password (or user name) held a `/` or `?` (its tail would be read as the database name or
    /// a parameter, and printed), or that another part holds an unencoded `@`. Both are refused;
    /// the reason quotes nothing of the URL.
    static func checkUnambiguous(_ rest: Substring) throws(AthanorError) {
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        guard !rest[authorityEnd...].contains("@") else { throw .invalidURL(reason: atAfterHostPart) }
    }

    /// `rest` (what follows `://`) without its `#fragment` (RFC 3986: never sent to the server).
    /// Only a `#` after the host part starts one: the userinfo ends at the last `@` before the
    /// first `/` or `?` (as ``parse()`` reads it), so an unencoded `#` in a password stays.
    static func droppingFragment(_ rest: Substring) -> Substring {
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let hostStart = rest[..<authorityEnd].lastIndex(of: "@").map(rest.index(after:)) ?? rest.startIndex
        guard let hash = rest[hostStart...].firstIndex(of: "#") else { return rest }
        return rest[..<hash]
    }

    static func dialect(of scheme: String) throws(AthanorError) -> SQLDialect {
        switch scheme {
        case "postgresql", "postgres": return .postgresql
        case "cockroachdb": return .cockroachdb
        default:
            if scheme.hasPrefix("cockroachdb+") { return .cockroachdb }
            throw .invalidURL(reason: "unknown scheme (use cockroachdb://, postgresql:// or postgres://)")
        }
    }

    static func parseHosts(_ text: Substring, dialect: SQLDialect) throws(AthanorError) -> [DatabaseURL.Endpoint] {
        guard !text.isEmpty else { return [] }
        var endpoints: [DatabaseURL.Endpoint] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            var host: Substring = item
            var port: Substring?
            if item.hasPrefix("[") {
                guard let close = item.firstIndex(of: "]") else { throw .invalidURL(reason: "unclosed [ in host") }
                host = item[item.index(after: item.startIndex)..<close]
                let after = item[item.index(after: close)...]
                if after.hasPrefix(":") { port = after.dropFirst() } else if !after.isEmpty {
                    throw .invalidURL(reason: "unexpected text after ] in host")
                }
            } else if let colon = item.lastIndex(of: ":") {
                host = item[..<colon]
                port = item[item.index(after: colon)...]
            }
            let name = try decode(host, what: "host")
            guard !name.isEmpty else { throw .invalidURL(reason: "missing host") }
            endpoints.append(.init(host: name, port: try parsePort(port, dialect: dialect)))
        }
        return endpoints
    }

    static func parsePort(_ text: Substring?, dialect: SQLDialect) throws(AthanorError) -> Int {
        guard let text, !text.isEmpty else { return dialect.defaultPort }
        guard text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(text),
              (1...65535).contains(port)
        else { throw .invalidURL(reason: "port must be a number from 1 to 65535") }
        return port
    }

    static func parseQuery(_ query: Substring, keys: inout [String], values: inout [String]) throws(AthanorError) {
        guard !query.isEmpty else { return }
        for (offset, pair) in query.split(separator: "&").enumerated() {
            guard let equals = pair.firstIndex(of: "=") else {
                throw .invalidURL(reason: "query parameter without a value")
            }
            let key = try decode(pair[..<equals], what: "parameter name")
            let value = try decode(pair[pair.index(after: equals)...], what: "parameter value")
            // The name is not quoted: nothing of the URL is (a mistyped URL can put anything there).
            guard LibPQKeywords.known.contains(key) else {
                throw .invalidURL(reason: "unknown parameter: the query's parameter \(offset + 1) is not a libpq "
                    + "connection keyword (names are lowercase, as in sslmode or application_name)")
            }
            if key == "connect_timeout", Int(value) == nil {
                throw .invalidURL(reason: "connect_timeout must be a whole number of seconds")
            }
            if let index = keys.firstIndex(of: key) { keys.remove(at: index); values.remove(at: index) }
            keys.append(key)
            values.append(value)
        }
    }

    /// `?host=` and `?port=` replace the authority's hosts (libpq's rule); they leave the list.
    static func moveHostParameters(
        _ endpoints: inout [DatabaseURL.Endpoint], keys: inout [String], values: inout [String], dialect: SQLDialect
    ) throws(AthanorError) {
        if let index = keys.firstIndex(of: "host") {
            let hosts = values[index].split(separator: ",").map(String.init)
            endpoints = hosts.map { .init(host: $0, port: dialect.defaultPort) }
            keys.remove(at: index)
            values.remove(at: index)
        }
        if let index = keys.firstIndex(of: "port") {
            let ports = values[index].split(separator: ",", omittingEmptySubsequences: false)
            for (offset, port) in ports.enumerated() where offset < endpoints.count {
                endpoints[offset].port = try parsePort(port, dialect: dialect)
            }
            if ports.count == 1 { for offset in endpoints.indices { endpoints[offset].port = endpoints[0].port } }
            keys.remove(at: index)
            values.remove(at: index)
        }
    }

    /// Percent-decodes; rejects bad escapes, invalid UTF-8 and NUL bytes.
    static func decode(_ text: Substring, what: String) throws(AthanorError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw .invalidURL(reason: "bad percent-encoding in the \(what)")
                }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        guard !bytes.contains(0) else { throw .invalidURL(reason: "NUL byte in the \(what)") }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw .invalidURL(reason: "invalid UTF-8 in the \(what)")
        }
        return string
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Percent-encodes every byte but ASCII letters, digits, `-._~` and those of `keeping`.
    static func percentEncode(_ text: String, keeping: String = "") -> String {
        var result = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || "-._~".unicodeScalars.contains(scalar) || keeping.unicodeScalars.contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                result += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            }
        }
        return result
    }
}

/// The connection keywords this libpq knows (from `PQconndefaults`).
enum LibPQKeywords {
    static let known: Set<String> = {
        var names: Set<String> = []
        guard let options = PQconndefaults() else { return names }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            names.insert(String(cString: keyword))
            option += 1
        }
        return names
    }()
}
