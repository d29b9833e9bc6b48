/// A connection reflects where it is connected and to what, never a password.
extension Connection: CustomReflectable {
    /// The URL (its secrets as `***`), the host and port reached, the server's dialect and TLS.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "url": url, "host": host, "port": port, "serverDialect": serverDialect, "tlsVersion": tlsVersion as Any,
        ], displayStyle: .class)
    }
}
