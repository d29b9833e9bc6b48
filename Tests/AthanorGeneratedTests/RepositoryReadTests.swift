import Athanor
import Foundation
import SchemaExamplesFixture
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// first, one, getOrCreate, keyset pages and sql(for:), on a real server, each test body in
    /// both forms.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryReadTests {
        @Test(arguments: Form.allCases)
        func firstAndOne(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                try await users.createMany((0..<3).map { User(email: "u\($0)@example.com", name: $0 == 0 ? "Solo" : "Pair", loginCount: Int64($0)) })
                #expect(try await users.first(orderBy: [User.columns.loginCount.descending])?.loginCount == 2)
                #expect(try await users.first(where: User.columns.name == "Pair", orderBy: [User.columns.email.ascending])?.email == "u1@example.com")
                #expect(try await users.first(where: User.columns.name == "Nobody") == nil)
                #expect(try await users.one(where: User.columns.name == "Solo").email == "u0@example.com")
                do {
                    _ = try await users.one(where: User.columns.name == "Nobody")
                    Issue.record("one found a row that is not there")
                } catch let error as NoMatchingRecord {
                    #expect(error.description == "no User matches name = $1")
                }
                do {
                    _ = try await users.one(where: User.columns.name == "Pair")
                    Issue.record("one returned one of two rows")
                } catch let error as MultipleMatchingRecords {
                    #expect(error.description == "more than one User matches name = $1")
                }
            }
        }

        @Test(arguments: Form.allCases)
        func getOrCreateInsertsOnceAndNeverUpdates(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                let (created, wasCreated) = try await users.getOrCreate(User(email: "ada@example.com", name: "Ada"), matching: .email)
                #expect(wasCreated && created.name == "Ada")
                let (found, foundCreated) = try await users.getOrCreate(User(email: "ada@example.com", name: "Other"), matching: .email)
                #expect(!foundCreated && found == created)
                // Concurrent calls for one new key: one row, exactly one call created it.
                let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for index in 0..<8 {
                        group.addTask { try await users.getOrCreate(User(email: "race@example.com", name: "R\(index)"), matching: .email).created }
                    }
                    return try await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                #expect(results.filter { $0 }.count == 1)
                #expect(try await users.count(where: User.columns.email == "race@example.com") == 1)
                // Composite keys, and reserved words as names.
                let orders = form.repository(pool, of: Order.self)
                let order = Order(customerID: created.id, externalRef: "A-1", totalCents: 5)
                #expect(try await orders.getOrCreate(order, matching: .customerIDExternalRef).created)
                #expect(try await !orders.getOrCreate(order, matching: .customerIDExternalRef).created)
            }
        }

        @Test(arguments: Form.allCases)
        func keysetPagesAreStableAndComplete(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                // Ties on loginCount (three rows each): the primary key breaks them.
                let all = try await users.createMany((0..<10).map { User(email: "u\($0)@example.com", name: "U", loginCount: Int64($0 / 3)) })
                let expected = all.sorted {
                    $0.loginCount != $1.loginCount ? $0.loginCount > $1.loginCount : $0.id.uuidString.lowercased() < $1.id.uuidString.lowercased()
                }
                var seen: [User] = []
                var cursor: PageCursor?
                var pages = 0
                repeat {
                    let page = try await users.page(orderBy: [User.columns.loginCount.descending], after: cursor, limit: 4)
                    seen += page.items
                    // The cursor survives a round trip through its text.
                    cursor = try page.next.map { try #require(PageCursor(token: $0.token)) }
                    pages += 1
                    if pages == 1 {
                        // A row inserted before the cursor's position does not shift later pages.
                        try await users.create(User(email: "late@example.com", name: "U", loginCount: 99))
                    }
                } while cursor != nil && pages < 10
                #expect(pages == 3)
                #expect(seen.map(\.id) == expected.map(\.id))
                // A filter, a page past the end, and a bad token.
                let filtered = try await users.page(where: User.columns.loginCount == 1, orderBy: [User.columns.email.ascending], limit: 3)
                #expect(filtered.items.map(\.email) == ["u3@example.com", "u4@example.com", "u5@example.com"] && filtered.next == nil)
                #expect(PageCursor(token: "not a cursor!") == nil)
                await #expect(throws: AthanorError.self) { try await users.page(limit: 0) }
            }
        }

        @Test(arguments: Form.allCases)
        func keysetPagesOverANullableColumnOrderNullsAsTheServerDoes(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                // Seven NULL nicknames among eleven rows, ties on the values too: pages of 3 end
                // on a NULL and start after one, in both directions.
                let nicknames: [String?] = [nil, "b", nil, "a", nil, "b", nil, nil, "c", nil, nil]
                try await users.createMany(nicknames.enumerated().map { User(email: "n\($0.offset)@example.com", name: "N", nickname: $0.element) })
                for ordering in [User.columns.nickname.ascending, User.columns.nickname.descending] {
                    // The server's own order (NULLS LAST for ASC, FIRST for DESC), ties by id.
                    let expected = try await users.list(orderBy: [ordering, User.columns.id.ascending]).map(\.id)
                    var seen: [UUID] = []
                    var cursor: PageCursor?
                    var pages = 0
                    repeat {
                        let page = try await users.page(orderBy: [ordering], after: cursor, limit: 3)
                        seen += page.items.map(\.id)
                        cursor = try page.next.map { try #require(PageCursor(token: $0.token)) }
                        pages += 1
                    } while cursor != nil && pages < 10
                    #expect(seen == expected, "\(ordering.sql)")
                    #expect(pages == 4, "\(ordering.sql)")
                }
                // The statement after a NULL cursor value: IS NULL, no parameter for it.
                let afterNull = try await users.page(orderBy: [User.columns.nickname.ascending], limit: 8)
                let statement = try await users.sql(for: .page(orderBy: [User.columns.nickname.ascending], after: afterNull.next, limit: 3))
                #expect(statement.hasSuffix("WHERE ((nickname IS NULL AND id > $1)) ORDER BY nickname ASC, id ASC LIMIT $2"))
                let afterValue = try await users.page(orderBy: [User.columns.nickname.ascending], limit: 2)
                let valueStatement = try await users.sql(for: .page(orderBy: [User.columns.nickname.ascending], after: afterValue.next, limit: 3))
                #expect(valueStatement.hasSuffix("WHERE (((nickname > $1 OR nickname IS NULL)) OR (nickname = $1 AND id > $2)) ORDER BY nickname ASC, id ASC LIMIT $3"))
            }
        }

        @Test(arguments: Form.allCases)
        func sqlShowsTheStatementWithoutValues(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                let list = try await users.sql(for: .list(where: User.columns.email == "secret@example.com", orderBy: [User.columns.email.ascending], limit: 10))
                #expect(list.hasPrefix("SELECT id, email, name") && list.hasSuffix("FROM users WHERE email = $1 ORDER BY email ASC LIMIT $2"))
                #expect(!list.contains("secret"))
                #expect(try await users.sql(for: .count(where: User.columns.loginCount > 3)) == "SELECT count(*) FROM users WHERE login_count > $1")
                let update = try await users.sql(for: .updateWhere(User.columns.email.like("%@x.io"), set: [User.columns.loginCount.increment(by: 1)]))
                #expect(update == "UPDATE users SET updated_at = now(), login_count = login_count + $1 WHERE email LIKE $2")
                let page = try await users.sql(for: .page(orderBy: [User.columns.createdAt.descending], limit: 5))
                #expect(page.hasSuffix("FROM users ORDER BY created_at DESC, id ASC LIMIT $1"))
                #expect((User.columns.name == "Ada" && User.columns.loginCount > 1).description == "(name = $1) AND (login_count > $2)")
                // Reserved words stay quoted.
                let members = try await form.repository(pool, of: Member.self).sql(for: .first(orderBy: [Member.columns.order.ascending]))
                #expect(members.hasSuffix("FROM \"user\" ORDER BY \"order\" ASC LIMIT $1"))
                // Streams, includes (two statements, one a line) and aggregates.
                let stream = try await users.sql(for: .stream(where: User.columns.loginCount > 0, orderBy: [User.columns.email.ascending], limit: 5))
                #expect(stream.hasPrefix("SELECT id, email, name") && stream.hasSuffix("FROM users WHERE login_count > $1 ORDER BY email ASC LIMIT $2"))
                let orders = form.repository(pool, of: Order.self)
                let include = try await orders.sql(for: .list(where: Order.columns.totalCents > 100, limit: 10, including: .customer)).split(separator: "\n")
                #expect(include.count == 2)
                #expect(include.first?.hasSuffix("FROM orders WHERE total_cents > $1 LIMIT $2") == true)
                #expect(include.last?.hasPrefix("SELECT id, email, name") == true && include.last?.hasSuffix("FROM users WHERE id = ANY($1)") == true)
                let children = try await users.sql(for: .list(including: .orders)).split(separator: "\n")
                #expect(children.last?.hasSuffix("FROM orders WHERE customer_id = ANY($1)") == true)
                let aggregate = try await orders.sql(for: .aggregate(.count, Order.columns.totalCents.sum, where: Order.columns.totalCents > 5))
                #expect(aggregate == "SELECT count(*), sum(total_cents)::int8 FROM orders WHERE total_cents > $1")
                let grouped = try await orders.sql(for: .aggregate(.count, Order.columns.totalCents.max, groupBy: Order.columns.status))
                #expect(grouped == "SELECT status, count(*), max(total_cents) FROM orders GROUP BY status ORDER BY status")
            }
        }
    }
}

extension GeneratedCodeOnTheServer {
    /// Streaming in both forms: every row in order through a small buffer, an early stop that
    /// leaves the pool's connection usable, and a stream inside a transaction.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryStreamTests {
        @Test(arguments: Form.allCases)
        func streamsEveryRowThroughABoundedBuffer(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                try await users.copyMany((0..<3_000).map { User(email: String(format: "u%05d@example.com", $0), name: "U", loginCount: Int64($0 % 7)) })
                let all = try await users.streamed(orderBy: [User.columns.email.ascending], bufferSize: 8)
                #expect(all.count == 3_000)
                #expect(all.map(\.email) == (0..<3_000).map { String(format: "u%05d@example.com", $0) })
                let filtered = try await users.streamed(where: User.columns.loginCount == 3, bufferSize: 1)
                #expect(filtered.count == (0..<3_000).filter { $0 % 7 == 3 }.count && filtered.allSatisfy { $0.loginCount == 3 })
                // Leaving early: the statement is cancelled, the rest dropped, and every connection
                // is kept (none replaced after the cancel) and still works.
                let replaced = pool.counters.replaced
                for _ in 0..<6 {
                    #expect(try await users.streamed(orderBy: [User.columns.email.ascending], bufferSize: 4, stopAfter: 10).count == 10)
                    #expect(try await users.count() == 3_000)
                }
                #expect(pool.counters.replaced == replaced)
                // A large rest (100,000 rows) is cancelled rather than read: the statement ends in
                // 57014 on the server, which the stream expects, and the connection is kept.
                try await pool.execute("""
                    INSERT INTO users (id, email, name, login_count, preferences, roles, created_at, updated_at)
                    SELECT gen_random_uuid(), 'g' || g || '@example.com', 'G', 0, '{}', '{}', now(), now() FROM generate_series(1, 100000) g
                    """)
                try await pool.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
                try await pool.execute("SELECT pg_stat_statements_reset()")
                for _ in 0..<3 {
                    #expect(try await users.streamed(bufferSize: 4, stopAfter: 10).count == 10)
                }
                // pg_stat_statements counts statements that completed: a cancelled one is not there
                // (the same statement run to its end, by `list`, is).
                let completed = """
                    SELECT coalesce(sum(calls), 0)::int8 FROM pg_stat_statements
                    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query LIKE 'SELECT id, email%FROM users'
                    """
                #expect(try await pool.query(completed, idempotent: true)[0].decode(Int64.self, at: 0) == 0)
                #expect(try await users.list().count == 103_000)
                #expect(try await pool.query(completed, idempotent: true)[0].decode(Int64.self, at: 0) == 1)
                #expect(try await users.count() == 103_000)
                #expect(pool.counters.replaced == replaced)
                #expect(try await users.streamed(where: User.columns.email == "nobody").isEmpty)
                // Inside a transaction: the transaction's connection, its uncommitted rows.
                let seen = try await form.transaction(pool, { tx in
                    try await UserRepository(tx).create(User(email: "tx@example.com", name: "T"))
                    var count = 0
                    for try await _ in UserRepository(tx).stream(where: User.columns.email.like("tx%")) { count += 1 }
                    return count
                }, { tx in
                    try UserBlockingRepository(tx).create(User(email: "tx@example.com", name: "T"))
                    let sequence = UserBlockingRepository(tx).stream(where: User.columns.email.like("tx%"))
                    let count = sequence.reduce(0) { count, _ in count + 1 }
                    if let error = sequence.error { throw error }
                    return count
                })
                #expect(seen == 1)
            }
        }
    }
}

extension GeneratedCodeOnTheServer {
    /// The new calls on names that are SQL reserved words and Swift keywords (`"user"`,
    /// `"order"`, `"select"`, `"group"`), and on a composite unique key.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryReservedWordTests {
        @Test(arguments: Form.allCases)
        func partialWritesPagesAggregatesAndStreamsOnReservedWords(_ form: Form) async throws {
            try await GeneratedCodeOnTheServer.SchemaExamplesTests.with { pool in
                let group = try await form.repository(pool, of: Group.self).create(Group(name: "g", visibility: .public))
                let members = form.repository(pool, of: Member.self)
                let created = try await members.createMany((0..<7).map { Member(groupID: group.id, order: Int32($0), where: "w\($0)") })
                let moved = try await members.update(created[0].id, set: [Member.columns.order.increment(by: 100), Member.columns.select.set(false)])
                #expect(moved.order == 100 && !moved.select)
                #expect(try await members.updateWhere(Member.columns.order < 3, set: [Member.columns.class.set("c")]) == 2)
                var seen: [Int32] = []
                var cursor: PageCursor?
                repeat {
                    let page = try await members.page(orderBy: [Member.columns.order.descending], after: cursor, limit: 3)
                    seen += page.items.map(\.order)
                    cursor = page.next
                } while cursor != nil && seen.count < 20
                #expect(seen == [100, 6, 5, 4, 3, 2, 1])
                let (count, highest) = try await members.call(
                    { try await $0.aggregate(.count, Member.columns.order.max) }, { try $0.aggregate(.count, Member.columns.order.max) })
                #expect(count == 7 && highest == 100)
                let byGroup = try await members.call(
                    { try await $0.aggregate(Member.columns.order.sum, groupBy: Member.columns.groupID) },
                    { try $0.aggregate(Member.columns.order.sum, groupBy: Member.columns.groupID) })
                #expect(byGroup.count == 1 && byGroup[0].0 == group.id && byGroup[0].1 == 121)
                #expect(try await members.streamed(orderBy: [Member.columns.order.ascending], bufferSize: 2).map(\.order) == [1, 2, 3, 4, 5, 6, 100])
                // The composite key (groupID, order): getOrCreate finds the row.
                let (found, wasCreated) = try await members.getOrCreate(Member(groupID: group.id, order: 100), matching: .groupIDOrder)
                #expect(!wasCreated && found.id == created[0].id)
                #expect(try await members.one(where: Member.columns.where == "w3").order == 3)
                let inGroup = try await form.repository(pool, of: Group.self).list(including: .members)
                #expect(inGroup.map { $0.1.count } == [7])
            }
        }
    }
}
