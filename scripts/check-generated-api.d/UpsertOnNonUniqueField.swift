// Compiled by scripts/check-generated-api, which expects this to FAIL: `name` is no unique key
// of User, so it is no User.MatchKey, and an upsert cannot match on it.
import Athanor
import Models

func upsertOnName(pool: ConnectionPool, user: User) async throws {
    _ = try await UserRepository(pool).upsert(user, matching: .name)
}
