extension DatabaseURL {
    /// The keywords and values for `PQconnectdbParams`, with the hosts rotated so that
    /// `firstHost` is tried first and the others after it (libpq's failover).
    func connectionParameters(firstHost: Int) -> (keywords: [String], values: [String]) {
        var keywords: [String] = []
        var values: [String] = []
        let rotation = endpoints.isEmpty ? 0 : firstHost % endpoints.count
        let ordered = Array(endpoints[rotation...] + endpoints[..<rotation])
        keywords.append("host")
        values.append(ordered.map(\.host).joined(separator: ","))
        keywords.append("port")
        values.append(ordered.map { String($0.port) }.joined(separator: ","))
        if let user { keywords.append("user"); values.append(user) }
        if let password { keywords.append("password"); values.append(password) }
        if let database { keywords.append("dbname"); values.append(database) }
        keywords += parameterKeys
        values += parameterValues
        if !keywords.contains("connect_timeout") {
            keywords.append("connect_timeout")
            values.append("10")
        }
        return (keywords, values)
    }

    /// The host list as shown in errors.
    var hostsDescription: String { endpoints.map(\.host).joined(separator: ",") }
    var portsDescription: String { endpoints.map { String($0.port) }.joined(separator: ",") }
}
