/// Reflection (`dump`, `Mirror`, `print` of a containing value) shows what the description
/// shows: the password and `sslpassword` as `***`, never their text.
extension DatabaseURL: CustomReflectable {
    /// The safe fields: scheme, dialect, hosts, user, database, `***` for a password, and the
    /// parameters as `key=value` with `***` for the secret ones.
    public var customMirror: Mirror {
        let parameters = zip(parameterKeys, parameterValues).map { key, value in
            "\(key)=\(Self.secretKeys.contains(key) ? "***" : value)"
        }
        return Mirror(self, children: [
            "scheme": scheme, "dialect": dialect, "endpoints": endpoints, "user": user as Any,
            "password": (password == nil ? nil : "***") as String? as Any, "database": database as Any,
            "parameters": parameters,
        ], displayStyle: .struct)
    }
}

/// A libpq connection reflects its URL (safely) and where it is connected, not its handle.
extension PGConnection: CustomReflectable {
    var customMirror: Mirror {
        Mirror(self, children: ["url": url, "host": host, "port": port], displayStyle: .class)
    }
}
