/// What a prepared statement is cached by: its SQL and its parameter type OIDs (a struct, so
/// that a lookup hashes the parts instead of concatenating them into a new string).
struct StatementKey: Hashable {
    var sql: String
    var types: [UInt32]
}

/// The name of a prepared statement, with its C string made once: handing the Swift string to
/// libpq would copy it (a small string) into a new array on every execution.
struct PreparedName {
    let text: String
    let cString: ContiguousArray<CChar>

    init(_ text: String) {
        self.text = text
        self.cString = text.utf8CString
    }
}

/// Prepared statements of one connection, least recently used evicted first.
struct StatementCache {
    let capacity: Int
    private var entries: [StatementKey: (name: PreparedName, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0
    private var counter = 0

    init(capacity: Int) { self.capacity = max(0, capacity) }

    var count: Int { entries.count }

    mutating func lookup(_ key: StatementKey) -> PreparedName? {
        guard let entry = entries[key] else { return nil }
        clock += 1
        entries.updateValue((entry.name, clock), forKey: key)
        return entry.name
    }

    mutating func nextName() -> PreparedName {
        counter += 1
        return PreparedName("athanor_\(counter)")
    }

    /// Stores a prepared statement; returns the name of the one evicted, if any.
    mutating func insert(_ key: StatementKey, name: PreparedName) -> String? {
        guard capacity > 0 else { return name.text }
        clock += 1
        var evicted: String?
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            entries[oldest.key] = nil
            evicted = oldest.value.name.text
        }
        entries[key] = (name, clock)
        return evicted
    }

    mutating func removeAll() { entries.removeAll() }
}
