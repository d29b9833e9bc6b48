import Athanor
import FoundationEssentials
import Glibc

/// Peak resident memory in bytes (ru_maxrss is in KiB on Linux).
func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}

/// Current resident memory in bytes, from /proc/self/statm.
func residentBytes() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var size = 0
    var resident = 0
    _ = withUnsafeMutablePointer(to: &size) { sizePointer in
        withUnsafeMutablePointer(to: &resident) { residentPointer in
            withVaList([sizePointer, residentPointer]) { vfscanf(file, "%ld %ld", $0) }
        }
    }
    return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
}

struct BulkRow: Sendable {
    var id: UUID
    var email: String
    var name: String
    var nickname: String?
    var loginCount: Int64
}

/// Upserts `count` rows with `unnest` in chunks of `chunk`, each chunk's columns encoded,
/// sent and dropped before the next; returns rows/s and the growth of peak RSS over the
/// input's own size.
func bulkUpsert(_ pool: ConnectionPool, count: Int, chunk: Int) async throws -> (rowsPerSecond: Int, growth: Double) {
    try await pool.execute("""
        CREATE TEMP TABLE IF NOT EXISTS bulk_users (id uuid PRIMARY KEY, email text UNIQUE NOT NULL,
            name text NOT NULL, nickname text, login_count int8 NOT NULL)
        """)
    let before = residentBytes()
    let rows = (0..<count).map { index in
        BulkRow(id: UUID(), email: "user\(index)@example.com", name: "User \(index)",
                nickname: index % 3 == 0 ? nil : "nick\(index)", loginCount: Int64(index % 100))
    }
    let input = max(1, residentBytes() - before)
    let peakBefore = peakResidentBytes()
    let sql = """
        INSERT INTO bulk_users (id, email, name, nickname, login_count)
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int8[])
        ON CONFLICT (email) DO UPDATE SET name = excluded.name, nickname = excluded.nickname
        """
    let elapsed = try await ContinuousClock().measure {
        try await pool.transaction { tx in
            for start in stride(from: 0, to: rows.count, by: chunk) {
                let part = rows[start..<min(start + chunk, rows.count)]
                try await tx.execute(sql, [part.map(\.id), part.map(\.email), part.map(\.name),
                                           part.map(\.nickname), part.map(\.loginCount)])
            }
        }
    }
    let growth = Double(max(0, peakResidentBytes() - max(peakBefore, before + input))) / Double(input)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (Int(Double(count) / seconds), growth)
}
