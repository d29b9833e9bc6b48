import Athanor
import Foundation
import SchemaExamplesFixture
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// Relations from `@references`, on a real server, each test body in both forms: parents and
    /// children of many rows in one statement, includes on `list`, many-to-many through a join
    /// model, filters across a reference, and the statement count seen by the server.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryRelationTests {
        @Test(arguments: Form.allCases)
        func parentsAndChildrenOfManyRows(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                let orders = form.repository(pool, of: Order.self)
                let ada = try await users.create(User(email: "ada@example.com", name: "Ada"))
                let bob = try await users.create(User(email: "bob@example.com", name: "Bob"))
                let lonely = try await users.create(User(email: "lonely@example.com", name: "Lonely"))
                let placed = try await orders.createMany([
                    Order(customerID: ada.id, externalRef: "A-1", totalCents: 1),
                    Order(customerID: ada.id, externalRef: "A-2", totalCents: 2, status: .paid),
                    Order(customerID: bob.id, externalRef: "B-1", totalCents: 3),
                ])
                let customers = try await orders.parents(.customer, for: placed)
                #expect(customers == [ada.id: ada, bob.id: bob])
                #expect(try await orders.call({ try await $0.customers(for: placed) }, { try $0.customers(for: placed) }) == customers)
                let byCustomer = try await users.children(.orders, for: [ada, bob, lonely])
                #expect(byCustomer[ada.id]?.map(\.externalRef).sorted() == ["A-1", "A-2"])
                #expect(byCustomer[bob.id]?.map(\.externalRef) == ["B-1"] && byCustomer[lonely.id] == [])
                #expect(try await users.call({ try await $0.orders(for: [ada]) }, { try $0.orders(for: [ada]) })[ada.id]?.count == 2)
                #expect(try await orders.parents(.customer, for: []).isEmpty)

                // Includes on list.
                let withCustomers = try await orders.list(orderBy: [Order.columns.externalRef.ascending], including: .customer)
                #expect(withCustomers.map { $0.0.externalRef } == ["A-1", "A-2", "B-1"])
                #expect(withCustomers.map { $0.1?.name } == ["Ada", "Ada", "Bob"])
                let withOrders = try await users.list(orderBy: [User.columns.email.ascending], including: .orders)
                #expect(withOrders.map { $0.1.count } == [2, 1, 0])

                // Filters across the reference, both ways (EXISTS).
                let adas = try await orders.list(where: Order.columns.customer.matches(User.columns.email == "ada@example.com"))
                #expect(adas.map(\.externalRef).sorted() == ["A-1", "A-2"])
                let payers = try await users.list(where: User.columns.orders.matches(Order.columns.status == .paid))
                #expect(payers.map(\.id) == [ada.id])
                #expect(try await users.count(where: !User.columns.orders.exist) == 1)
                let sql = try await users.sql(for: .list(where: User.columns.orders.matches(Order.columns.totalCents > 1)))
                #expect(sql.hasSuffix("FROM users WHERE EXISTS (SELECT 1 FROM orders AS c WHERE c.customer_id = users.id AND (total_cents > $1))"))
            }
        }

        @Test(arguments: Form.allCases)
        func manyToManyThroughAJoinModel(_ form: Form) async throws {
            try await GeneratedCodeOnTheServer.SchemaExamplesTests.with { pool in
                let pages = form.repository(pool, of: Page.self)
                let tags = form.repository(pool, of: Tag.self)
                let home = try await pages.create(Page(slug: "home", title: "Home"))
                let about = try await pages.create(Page(slug: "about", title: "About"))
                let swift = try await tags.create(Tag(name: "swift"))
                let sql = try await tags.create(Tag(name: "sql"))
                try await form.repository(pool, of: PageTag.self).createMany([
                    PageTag(pageID: home.id, tagID: swift.id), PageTag(pageID: home.id, tagID: sql.id), PageTag(pageID: about.id, tagID: sql.id),
                ])
                let tagsByPage = try await pages.related(.tags, for: [home, about])
                #expect(tagsByPage[home.id]?.map(\.name).sorted() == ["sql", "swift"] && tagsByPage[about.id]?.map(\.name) == ["sql"])
                let pagesByTag = try await tags.call({ try await $0.pages(for: [swift, sql]) }, { try $0.pages(for: [swift, sql]) })
                #expect(pagesByTag[swift.id]?.map(\.slug) == ["home"] && pagesByTag[sql.id]?.count == 2)
                let included = try await pages.list(orderBy: [Page.columns.slug.ascending], including: .tags)
                #expect(included.map { $0.1.count } == [1, 2])
                let tagged = try await pages.list(where: Page.columns.tags.matches(Tag.columns.name == "swift"))
                #expect(tagged.map(\.id) == [home.id])
                // The join model's own relations.
                let links = try await pages.children(.pageTags, for: [home])
                #expect(links[home.id]?.count == 2)
            }
        }

        @Test(arguments: Form.allCases)
        func reservedWordsNullReferencesAndSequentialKeys(_ form: Form) async throws {
            try await GeneratedCodeOnTheServer.SchemaExamplesTests.with { pool in
                let group = try await form.repository(pool, of: Group.self).create(Group(name: "g"))
                let members = form.repository(pool, of: Member.self)
                let member = try await members.create(Member(groupID: group.id, order: 1))
                let selections = form.repository(pool, of: Selection.self)
                try await selections.createMany([Selection(memberID: member.id), Selection(memberID: nil)])
                let included = try await selections.list(orderBy: [Selection.columns.memberID.ascending], including: .member)
                #expect(included.map { $0.1?.id } == [member.id, nil])
                #expect(try await members.list(where: Member.columns.group.matches(Group.columns.name == "g"), including: .selections)
                    .map { $0.1.count } == [1])
                // Library: a sequential key (Borrower) referenced by Loan.borrowerID.
                let borrower = try await form.repository(pool, of: Borrower.self).create(Borrower(cardNumber: "C-1", email: "b@example.com"))
                let author = try await form.repository(pool, of: Author.self).create(Author(penName: "P"))
                let book = try await form.repository(pool, of: Book.self).create(Book(authorID: author.id, isbn: "I", title: "T"))
                let copy = try await form.repository(pool, of: BookCopy.self).create(BookCopy(bookID: book.id, copyNumber: 1))
                let loans = form.repository(pool, of: Loan.self)
                try await loans.create(Loan(copyID: copy.id, borrowerID: try #require(borrower.id), dueAt: Date()))
                let byBorrower = try await form.repository(pool, of: Borrower.self).children(.loans, for: [borrower])
                #expect(byBorrower[try #require(borrower.id)]?.count == 1)
                let withBorrowers = try await loans.list(including: .borrower)
                #expect(withBorrowers.first?.1?.cardNumber == "C-1")
            }
        }

        /// Loading 1,000 orders with their 1,000 customers is two statements, counted by the server
        /// (`pg_stat_statements`, which `scripts/with-postgres` preloads), never one per row.
        @Test(arguments: Form.allCases)
        func includeIsAFixedNumberOfStatementsOnTheServer(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                let customers = try await users.createMany((0..<1_000).map { User(email: "u\($0)@example.com", name: "U\($0)") })
                try await form.repository(pool, of: Order.self).createMany(
                    customers.map { Order(customerID: $0.id, externalRef: "R", totalCents: 1) })
                try await pool.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
                let counted = """
                    SELECT coalesce(sum(calls), 0)::int8 FROM pg_stat_statements
                    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                      AND query NOT LIKE '%pg_stat_statements%' AND (query LIKE '%FROM orders%' OR query LIKE '%FROM users%')
                    """
                try await pool.execute("SELECT pg_stat_statements_reset()")
                let included = try await form.repository(pool, of: Order.self).list(including: .customer)
                #expect(included.count == 1_000 && included.allSatisfy { $0.1?.id == $0.0.customerID })
                let statements = try await pool.query(counted, idempotent: true)[0].decode(Int64.self, at: 0)
                #expect(statements == 2)
                // The same for children: 1,000 users with their orders.
                try await pool.execute("SELECT pg_stat_statements_reset()")
                #expect(try await users.list(including: .orders).allSatisfy { $0.1.count == 1 })
                #expect(try await pool.query(counted, idempotent: true)[0].decode(Int64.self, at: 0) == 2)
            }
        }
    }
}
