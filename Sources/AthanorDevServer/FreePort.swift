import Glibc

/// Loopback ports: one nobody listens on now (the kernel's choice for port 0), and whether a
/// given one is free.
enum FreePort {
    /// A port of 127.0.0.1 that was free a moment ago.
    static func pick() throws(DevServerError) -> Int {
        guard let port = bind(0) else { throw DevServerError("cannot find a free port on 127.0.0.1 (errno \(errno))") }
        return port
    }

    /// Whether `port` of 127.0.0.1 can be bound now.
    static func isFree(_ port: Int) -> Bool { bind(port) != nil }

    /// Binds a socket to 127.0.0.1:`port`, closes it and returns the port bound, or nil. With
    /// SO_REUSEADDR, as the server binds: a port whose last connections are in TIME_WAIT (a
    /// server just stopped) counts as free, so a restart keeps its port.
    private static func bind(_ port: Int) -> Int? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                Glibc.bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port` now.
    static func accepts(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                connect(descriptor, raw, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
