extension DatabaseURL {
    /// The order in which one connection attempt tries the hosts: `firstHost` first, then the
    /// ones after it in the URL, wrapping around.
    func hostOrder(firstHost: Int) -> [Int] {
        guard !endpoints.isEmpty else { return [] }
        let rotation = firstHost % endpoints.count
        return Array(endpoints.indices[rotation...]) + Array(endpoints.indices[..<rotation])
    }

    /// The keywords and values for `PQconnectStartParams` that reach the host at `index` alone.
    /// A `hostaddr` list with one address per host gives this host's address. The TCP keepalive
    /// defaults (``keepaliveDefaults``) follow, where the URL does not set them.
    func connectionParameters(endpoint index: Int) -> (keywords: [String], values: [String]) {
        let endpoint = endpoints[index]
        var keywords = ["host", "port"]
        var values = [endpoint.host, String(endpoint.port)]
        if let user { keywords.append("user"); values.append(user) }
        if let password { keywords.append("password"); values.append(password) }
        if let database { keywords.append("dbname"); values.append(database) }
        for (key, value) in zip(parameterKeys, parameterValues) {
            keywords.append(key)
            let addresses = value.split(separator: ",", omittingEmptySubsequences: false)
            values.append(key == "hostaddr" && addresses.count == endpoints.count ? String(addresses[index]) : value)
        }
        for (key, value) in Self.keepaliveDefaults where !keywords.contains(key) {
            keywords.append(key)
            values.append(value)
        }
        return (keywords, values)
    }

    /// TCP keepalives on by default (libpq leaves the operating system's: none for two hours):
    /// probes after 30 s of silence, every 10 s, 3 unanswered ones end the connection, and so do
    /// 60 s of data unacknowledged (`tcp_user_timeout`, milliseconds): a dead server is detected
    /// in about 60 s in every state. See ``DatabaseURL``.
    static let keepaliveDefaults: [(String, String)] = [
        ("keepalives", "1"), ("keepalives_idle", "30"), ("keepalives_interval", "10"),
        ("keepalives_count", "3"), ("tcp_user_timeout", "60000"),
    ]

    /// The URL's `connect_timeout` in nanoseconds, when positive: the bound of each host.
    var connectTimeoutPerHost: UInt64? {
        guard let index = parameterKeys.lastIndex(of: "connect_timeout"),
              let seconds = Int(parameterValues[index]), seconds > 0
        else { return nil }
        return UInt64(min(seconds, 1_000_000_000)) * 1_000_000_000
    }

    /// The host list as shown in errors.
    var hostsDescription: String { endpoints.map(\.host).joined(separator: ",") }
    var portsDescription: String { endpoints.map { String($0.port) }.joined(separator: ",") }
}
