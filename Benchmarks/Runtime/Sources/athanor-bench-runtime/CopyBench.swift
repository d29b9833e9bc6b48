import Athanor
import FoundationEssentials

/// W2's row shape (Benchmarks/README.md, `makeRow`): the `users` columns a createMany sends.
struct CopyUser: Sendable {
    var id: UUID
    var email: String
    var name: String
    var nickname: String?
    var loginCount: Int64
    var preferences: JSONB
    var roles: [String]

    init(_ i: Int, round: Int) {
        id = UUID()
        email = "w2r\(round)-\(i)@example.com"
        name = "User \(i)"
        nickname = i % 3 == 0 ? nil : "nick\(i)"
        loginCount = Int64(i % 100)
        let theme = i % 2 == 1 ? "dark" : "light"
        preferences = JSONB(json: "{\"theme\": \"\(theme)\", \"lang\": \"en\", \"digest\": \(i % 7 == 0), \"page_size\": 25}")
        roles = i % 10 == 0 ? ["user", "admin"] : ["user"]
    }
}

/// Inserts `count` users into a fresh `users` table three ways, interleaved over `rounds` (the
/// table truncated before each): `INSERT ... SELECT FROM unnest` in chunks of 5,000 in one
/// transaction, the same with `RETURNING *` (what the generated createMany runs), and one binary
/// COPY. Returns the best rows/s of each.
func copyVersusUnnest(_ pool: ConnectionPool, count: Int, rounds: Int) async throws -> [(String, Int)] {
    try await pool.execute("DROP TABLE IF EXISTS copy_users")
    try await pool.execute("""
        CREATE TABLE copy_users (id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
            email text NOT NULL UNIQUE, name text NOT NULL, nickname text,
            login_count bigint NOT NULL DEFAULT 0, preferences jsonb NOT NULL DEFAULT '{}',
            roles text[] NOT NULL DEFAULT '{}', created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now())
        """)
    try await pool.execute("CREATE INDEX ON copy_users (created_at)")
    let columns = ["id", "email", "name", "nickname", "login_count", "preferences", "roles"]
    let insert = """
        INSERT INTO copy_users (id, email, name, nickname, login_count, preferences, roles)
        SELECT a, b, c, d, e, f, g::text[]
        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int8[], $6::jsonb[], $7::text[]) AS u(a, b, c, d, e, f, g)
        """
    var best: [String: Double] = [:]
    for round in 0..<rounds {
        for method in ["unnest", "unnest_returning", "copy"] {
            try await pool.execute("TRUNCATE copy_users")
            let users = (0..<count).map { CopyUser($0, round: round) }
            let elapsed = try await ContinuousClock().measure {
                if method == "copy" {
                    let copied = try await pool.withConnection { conn in
                        let rows = users.lazy.map { user -> [any PostgresEncodable] in
                            [user.id, user.email, user.name, user.nickname, user.loginCount, user.preferences, user.roles]
                        }
                        return try await conn.copy(into: "copy_users", columns: columns, rows: rows)
                    }
                    guard copied == count else { throw AthanorError.misuse("copied \(copied) rows") }
                } else {
                    let sql = method == "unnest" ? insert : insert + " RETURNING *"
                    try await pool.transaction { tx in
                        for start in stride(from: 0, to: users.count, by: 5000) {
                            let part = users[start..<min(start + 5000, users.count)]
                            // Each row's text[] travels as one literal (cast back on insert), as createMany sends it.
                            let roles = part.map { "{" + $0.roles.joined(separator: ",") + "}" }
                            _ = try await tx.query(sql, [
                                part.map(\.id), part.map(\.email), part.map(\.name), part.map(\.nickname),
                                part.map(\.loginCount), part.map(\.preferences), roles,
                            ])
                        }
                    }
                }
            }
            let rate = Double(count) / seconds(elapsed)
            best[method] = max(best[method] ?? 0, rate)
        }
    }
    return ["unnest", "unnest_returning", "copy"].map { ("w2_\($0)_\(count / 1000)k_rows_per_s", Int(best[$0] ?? 0)) }
}
