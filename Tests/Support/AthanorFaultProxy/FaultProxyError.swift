import Glibc

/// Why a ``FaultProxy`` could not start.
public enum FaultProxyError: Error, Sendable, CustomStringConvertible {
    /// A socket call failed: its name and `errno`.
    case socket(String, Int32)
    /// The accepting thread could not be started.
    case thread

    /// One line: the call and the system's message.
    public var description: String {
        switch self {
        case .socket(let call, let code): "fault proxy: \(call) failed: \(String(cString: strerror(code)))"
        case .thread: "fault proxy: cannot start its accepting thread"
        }
    }
}
