import Athanor
import Foundation
import SchemaExamplesFixture
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// Two values with the same match key in one `upsertMany`: a misuse error before any round
    /// trip, naming the model, the key's columns and both positions (never the values), on every
    /// bulk path: the `unnest` source and the `VALUES` source, the primary key, a single and a
    /// composite unique key, one chunk or two, async and blocking. The tables are unchanged.
    /// `createMany` has no `ON CONFLICT`: a duplicate there is the server's `23505`, nothing written.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryDuplicateKeyTests {
        static let advice = "each row can be matched once per call: merge them first"

        /// The text of the misuse error `body` throws; records an issue for anything else.
        static func misuse(_ body: () async throws -> Void) async -> String {
            do {
                try await body()
                Issue.record("a call with a duplicate match key did not throw")
            } catch let error as AthanorError {
                if case .misuse(let text) = error { return text }
                Issue.record("not a misuse error: \(error)")
            } catch {
                Issue.record("not an AthanorError: \(error)")
            }
            return ""
        }

        /// What `body` stores, read back in a stable order: compared before and after.
        static func snapshot(_ pool: ConnectionPool) async throws -> ([User], [Order]) {
            (try await UserRepository(pool).list(orderBy: [User.columns.email.ascending]),
             try await OrderRepository(pool).list(orderBy: [Order.columns.externalRef.ascending]))
        }

        @Test func unnestSourceOnEveryKindOfMatchKey() async throws {
            try await ShopDatabase.with { pool in
                let users = UserRepository(pool)
                let ada = try await users.create(User(email: "ada@example.com", name: "Ada"))
                let orders = OrderRepository(pool)
                try await orders.createMany((0..<3).map { Order(customerID: ada.id, externalRef: "R\($0)", totalCents: 1) })
                let before = try await Self.snapshot(pool)

                // A single unique key; the shared value is a stored row's, so the server would update it twice.
                var byEmail = (0..<6).map { User(email: "new\($0)@example.com", name: "N") }
                byEmail[1].email = "ada@example.com"
                byEmail[4].email = "ada@example.com"
                let email = await Self.misuse { try await users.upsertMany(byEmail, matching: .email) }
                #expect(email == "upsertMany of User matching (email): values 1 and 4 of 6 have the same email; \(Self.advice)")
                #expect(!email.contains("ada@"))

                // The primary key: two values for one id, their other columns different.
                var byID = (0..<6).map { User(email: "id\($0)@example.com", name: "I") }
                byID[5].id = byID[0].id
                let id = await Self.misuse { try await users.upsertMany(byID, matching: .id) }
                #expect(id == "upsertMany of User matching (id): values 0 and 5 of 6 have the same id; \(Self.advice)")

                // A composite key: the same customer and reference twice.
                var byRef = (0..<4).map { Order(customerID: ada.id, externalRef: "N\($0)", totalCents: 2) }
                byRef[3].externalRef = "N2"
                let composite = await Self.misuse { try await orders.upsertMany(byRef, matching: .customerIDExternalRef) }
                #expect(composite == "upsertMany of Order matching (customer_id, external_ref): values 2 and 3 of 4 "
                    + "have the same customer_id and external_ref; \(Self.advice)")

                // In different chunks of one call (batches of 2: chunks 0 and 3), the whole call is checked.
                var chunked = (0..<7).map { User(email: "c\($0)@example.com", name: "C") }
                chunked[6].email = chunked[0].email
                let chunks = await Self.misuse { try await UserRepository(pool, batchSize: 2).upsertMany(chunked, matching: .email) }
                #expect(chunks.contains("values 0 and 6 of 7 have the same email"))

                // The blocking forms say the same.
                let blocking = try await onThread { [byEmail, byID, byRef] in
                    let users = UserBlockingRepository(pool, batchSize: 2)
                    var messages: [String] = []
                    for call in [{ _ = try users.upsertMany(byEmail, matching: .email) },
                                 { _ = try users.upsertMany(byID, matching: .id) },
                                 { _ = try OrderBlockingRepository(pool).upsertMany(byRef, matching: .customerIDExternalRef) }] {
                        do { try call() } catch AthanorError.misuse(let text) { messages.append(text) }
                    }
                    return messages
                }
                #expect(blocking == [email, id, composite])

                let after = try await Self.snapshot(pool)
                #expect(after.0 == before.0 && after.1 == before.1)

                // Merged, the same calls go through.
                byEmail.remove(at: 4)
                #expect(try await users.upsertMany(byEmail, matching: .email).count == 5)
                #expect(try await users.count() == 5)
                #expect(try await users.get(ada.id).name == "N")
            }
        }

        /// The rows of a model with an array of timestamps travel as `VALUES`.
        @Test func valuesSourceAsyncAndBlocking() async throws {
            try await SchemaExamplesTests.with { pool in
                let moments = MomentsRepository(pool, batchSize: 2)
                let times = [Date(timeIntervalSince1970: 1_000), Date(timeIntervalSince1970: 2_000)]
                let stored = try await moments.createMany((0..<3).map { Moments(label: "m\($0)", times: times) })
                var byLabel = (0..<5).map { Moments(label: "v\($0)", times: []) }
                byLabel[2].label = "m1"
                byLabel[3].label = "m1"
                var byID = (0..<5).map { Moments(label: "w\($0)", times: times) }
                byID[4].id = stored[0].id
                byID[1].id = stored[0].id
                let label = await Self.misuse { try await moments.upsertMany(byLabel, matching: .label) }
                #expect(label == "upsertMany of Moments matching (label): values 2 and 3 of 5 have the same label; \(Self.advice)")
                let id = await Self.misuse { try await moments.upsertMany(byID, matching: .id) }
                #expect(id == "upsertMany of Moments matching (id): values 1 and 4 of 5 have the same id; \(Self.advice)")
                let blocking = await Self.misuse {
                    try await onThread { [byLabel] in _ = try MomentsBlockingRepository(pool, batchSize: 2).upsertMany(byLabel, matching: .label) }
                }
                #expect(blocking == label)
                let after = try await moments.list(orderBy: [Moments.columns.label.ascending])
                #expect(after == stored)
            }
        }

        /// Nothing is sent: the transaction the call ran in is not aborted, and goes on.
        @Test func inATransactionNothingIsSent() async throws {
            try await ShopDatabase.with { pool in
                try await pool.transaction { tx in
                    let users = UserRepository(tx)
                    try await users.create(User(email: "first@example.com", name: "F"))
                    let twice = [User(email: "same@example.com", name: "A"), User(email: "same@example.com", name: "B")]
                    let text = await Self.misuse { try await users.upsertMany(twice, matching: .email) }
                    #expect(text.contains("values 0 and 1 of 2 have the same email"))
                    try await users.create(User(email: "second@example.com", name: "S"))
                }
                #expect(try await UserRepository(pool).list(orderBy: [User.columns.email.ascending]).map(\.email)
                    == ["first@example.com", "second@example.com"])
            }
        }

        /// `createMany` has no `ON CONFLICT`: two values with one key are the server's unique
        /// violation naming the constraint, in one chunk or two, async and blocking; nothing is written.
        @Test func createManyWithADuplicateKeyIsAServerErrorAndWritesNothing() async throws {
            try await ShopDatabase.with { pool in
                let users = UserRepository(pool, batchSize: 2)
                try await users.create(User(email: "kept@example.com", name: "K"))
                var values = (0..<5).map { User(email: "d\($0)@example.com", name: "D") }
                values[4].email = values[0].email
                var sameID = (0..<2).map { User(email: "s\($0)@example.com", name: "S") }
                sameID[1].id = sameID[0].id
                for (call, constraint) in [({ try await users.createMany(values) }, "users_email_key"),
                                           ({ try await UserRepository(pool).createMany(sameID) }, "users_pkey"),
                                           ({ [values] in try await onThread { try UserBlockingRepository(pool, batchSize: 2).createMany(values) } },
                                            "users_email_key")] as [(() async throws -> [User], String)] {
                    let error = await #expect(throws: AthanorError.self) { _ = try await call() }
                    #expect(error?.isUniqueViolation == true)
                    #expect(error?.serverError?.constraint == constraint)
                    #expect(try await users.list().map(\.email) == ["kept@example.com"])
                }
            }
        }
    }
}
