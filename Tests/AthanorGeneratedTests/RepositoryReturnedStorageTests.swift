import Athanor
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// A write's returned rows share the storage of the values written where the server's value
    /// is the same bytes (what keeps a 100,000-row `upsertMany` from holding every string twice),
    /// and hold the server's value wherever it differs from what was sent.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryReturnedStorageTests {
        /// Strings longer than 15 bytes: shorter ones live inline in the `String`, with no
        /// storage to share.
        static func user(_ index: Int) -> User {
            User(email: "returned-storage-\(index)@example.com", name: "A name of more than fifteen bytes \(index)",
                 nickname: "a nickname of more than fifteen bytes \(index)",
                 roles: ["a role of more than fifteen bytes", "another role, as long"])
        }

        @Test(arguments: Form.allCases)
        func returnedRowsShareTheWrittenStringsAndKeepTheServersValues(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                // 250 rows in chunks of 100: the chunked path (one transaction) and its positions.
                let users = form.repository(pool, of: User.self, batchSize: 100)
                let written = (0..<250).map(Self.user)
                let stored = try await users.upsertMany(written, matching: .email)
                #expect(stored.count == written.count)
                for (value, row) in zip(written, stored) {
                    #expect(row.email == value.email && row.name == value.name && row.roles == value.roles)
                    #expect(sharesStorage(value.email, row.email))
                    #expect(sharesStorage(value.name, row.name))
                    #expect(sharesStorage(value.nickname ?? "", row.nickname ?? ""))
                    #expect(sharesStorage(value.roles[1], row.roles[1]))
                }

                // On conflict, `updating: [name]` keeps the stored nickname: the returned row must
                // hold the server's nickname, not the different one that was sent.
                let renamed = written.map { value in
                    var value = value
                    value.name = "Renamed, and still more than fifteen bytes: \(value.email)"
                    value.nickname = "a different nickname that the update leaves out"
                    return value
                }
                let updated = try await users.upsertMany(renamed, matching: .email, updating: [User.columns.name])
                for ((before, sent), row) in zip(zip(written, renamed), updated) {
                    #expect(row.nickname == before.nickname)
                    #expect(!sharesStorage(sent.nickname ?? "", row.nickname ?? ""))
                    #expect(row.name == sent.name && sharesStorage(sent.name, row.name))
                }
                let read = try await users.list(where: User.columns.email == written[7].email)
                #expect(read.first?.nickname == written[7].nickname && read.first?.name == renamed[7].name)

                // The single-row writes reuse the value written too.
                let one = Self.user(1_000)
                let created = try await users.create(one)
                #expect(sharesStorage(one.email, created.email) && sharesStorage(one.name, created.name))
            }
        }
    }
}

/// Whether two strings use the same storage (the same UTF-8 buffer), not only the same text.
private func sharesStorage(_ first: String, _ second: String) -> Bool {
    var first = first
    var second = second
    return first.withUTF8 { one in second.withUTF8 { other in one.baseAddress == other.baseAddress } }
}
