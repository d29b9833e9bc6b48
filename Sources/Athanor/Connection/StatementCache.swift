/// Prepared statements of one connection, least recently used evicted first.
struct StatementCache {
    let capacity: Int
    private var entries: [String: (name: String, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0
    private var counter = 0

    init(capacity: Int) { self.capacity = max(0, capacity) }

    var count: Int { entries.count }

    mutating func lookup(_ key: String) -> String? {
        guard let entry = entries[key] else { return nil }
        clock += 1
        entries[key] = (entry.name, clock)
        return entry.name
    }

    mutating func nextName() -> String {
        counter += 1
        return "athanor_\(counter)"
    }

    /// Stores a prepared statement; returns the name of the one evicted, if any.
    mutating func insert(_ key: String, name: String) -> String? {
        guard capacity > 0 else { return name }
        clock += 1
        var evicted: String?
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            entries[oldest.key] = nil
            evicted = oldest.value.name
        }
        entries[key] = (name, clock)
        return evicted
    }

    mutating func removeAll() { entries.removeAll() }
}
