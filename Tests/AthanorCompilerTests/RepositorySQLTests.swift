import AthanorCompiler
import Testing

/// The SQL of the generated repositories, asserted as exact strings.
@Suite struct RepositorySQLTests {
    static let schema = """
        enum Mood {
            happy
            sad
        }
        model User: UUIDAuditBase {
            table "users"
            email: String @unique
            name: String
            mood: Mood = happy
        }
        model Tagged: UUIDBase {
            order: String
            tags: [String] = []
            moods: [Mood] = []
        }
        model Counter: BigIntBase {
        }
        model Token: UUIDBase {
        }
        model Event: BigIntBase {
            kind: String
            at: Timestamp
            history: [Timestamp] = []
            @@unique(kind, at)
        }
        model Doc: UUIDAuditBase {
            table "docs"
            slug: String @unique
            body: String
            version: Int64 = 0 @version
            publishedAt: Timestamp = now
        }
        """

    func sql(_ name: String) throws -> RepositorySQL {
        let result = Compiler.compile(sources: [SourceFile(path: "t.schema", text: Self.schema)])
        let catalog = try #require(result.catalog, "\(result.diagnostics)")
        return RepositorySQL(model: try #require(catalog.model(named: name)), catalog: catalog)
    }

    @Test func readsAndDeletes() throws {
        let user = try sql("User")
        let columns = "id, email, name, mood, created_at, updated_at"
        #expect(user.select == "SELECT \(columns) FROM users")
        #expect(user.get == "SELECT \(columns) FROM users WHERE id = $1")
        #expect(user.selectWithTotal == "SELECT \(columns), count(*) OVER () FROM users")
        #expect(user.count == "SELECT count(*) FROM users")
        #expect(user.exists == "SELECT 1 FROM users")
        #expect(user.delete == "DELETE FROM users")
        #expect(user.deleteByID == "DELETE FROM users WHERE id = $1")
        #expect(user.deleteByIDs == "DELETE FROM users WHERE id = ANY($1)")
        #expect(user.keys.map(\.constraint) == ["users_pkey", "users_email_key"])
        #expect(user.keys[1].find == "SELECT \(columns) FROM users WHERE email = $1")
        #expect(user.keys.map(\.isPrimaryKey) == [true, false])
    }

    @Test func insertSetsBothAuditColumnsAndCastsEnums() throws {
        let user = try sql("User")
        #expect(user.sourceColumns == ["id", "email", "name", "mood"])
        #expect(!user.usesValues)
        let head = "INSERT INTO users (id, email, name, mood, created_at, updated_at) SELECT u.id, u.email, u.name, u.mood::mood, now(), now() FROM "
        let tail = " RETURNING id, email, name, mood, created_at, updated_at"
        #expect(user.insert.single == head + "(VALUES ($1::uuid, $2::text, $3::text, $4::text)) AS u(id, email, name, mood)" + tail)
        #expect(user.insert.bulk == .unnest(head + "unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS u(id, email, name, mood)" + tail))
    }

    @Test func upsertKeepsIDAndCreatedAtAndMovesUpdatedAt() throws {
        let user = try sql("User")
        let source = "unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS u(id, email, name, mood)"
        let head = "INSERT INTO users (id, email, name, mood, created_at, updated_at) SELECT u.id, u.email, u.name, u.mood::mood, now(), now() FROM "
        #expect(user.keys[1].upsert.bulk == .unnest(head + source
            + " ON CONFLICT (email) DO UPDATE SET name = excluded.name, mood = excluded.mood, updated_at = now() RETURNING id, email, name, mood, created_at, updated_at"))
        #expect(user.keys[0].upsert.bulk == .unnest(head + source
            + " ON CONFLICT (id) DO UPDATE SET email = excluded.email, name = excluded.name, mood = excluded.mood, updated_at = now() RETURNING id, email, name, mood, created_at, updated_at"))
        #expect(user.keys.map(\.columns) == [["id"], ["email"]])
        #expect(user.keys.map(\.positions) == [[0], [1]])
    }

    @Test func updateByPrimaryKey() throws {
        let user = try sql("User")
        #expect(user.update.single == "UPDATE users AS t SET email = u.email, name = u.name, mood = u.mood::mood, updated_at = now() "
            + "FROM (VALUES ($1::uuid, $2::text, $3::text, $4::text)) AS u(id, email, name, mood) "
            + "WHERE t.id = u.id RETURNING t.id, t.email, t.name, t.mood, t.created_at, t.updated_at")
    }

    @Test func arrayColumnsTravelAsLiteralsAndReservedNamesAreQuoted() throws {
        let tagged = try sql("Tagged")
        #expect(!tagged.usesValues)
        #expect(tagged.sourceColumns == ["id", "\"order\"", "tags", "moods"])
        let head = "INSERT INTO tagged (id, \"order\", tags, moods) SELECT u.id, u.\"order\", u.tags::text[], u.moods::mood[] FROM "
        // Many rows: each array as one array literal (text), cast back; one row alone: binary
        // arrays (enum arrays as text[], cast back).
        #expect(tagged.insert.bulk == .unnest(head + "unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS u(id, \"order\", tags, moods) RETURNING id, \"order\", tags, moods"))
        #expect(tagged.insert.single == head + "(VALUES ($1::uuid, $2::text, $3::text[], $4::text[])) AS u(id, \"order\", tags, moods) RETURNING id, \"order\", tags, moods")
        #expect(tagged.update.single.hasPrefix("UPDATE tagged AS t SET \"order\" = u.\"order\", tags = u.tags::text[], moods = u.moods::mood[] FROM "))
    }

    @Test func timestampArraysTravelAsValues() throws {
        let event = try sql("Event")
        #expect(event.usesValues)
        let head = "INSERT INTO event (kind, at, history) SELECT u.kind, u.at, u.history FROM "
        let tail = ") AS u(id, kind, at, history) RETURNING id, kind, at, history"
        #expect(event.insert.bulk == .values(head: head + "(VALUES", types: ["int8", "text", "timestamptz", "timestamptz[]"], tail: tail))
        #expect(event.insert.single == head + "(VALUES ($1::int8, $2::text, $3::timestamptz, $4::timestamptz[])" + tail)
    }

    @Test func sequentialIDsAreLeftToTheDatabaseExceptForUpsertOnThePrimaryKey() throws {
        let event = try sql("Event")
        let values = "(VALUES ($1::int8, $2::text, $3::timestamptz, $4::timestamptz[])) AS u(id, kind, at, history)"
        #expect(event.insert.single.hasPrefix("INSERT INTO event (kind, at, history) SELECT u.kind, u.at, u.history FROM "))
        #expect(event.keys[0].upsert.single.hasPrefix("INSERT INTO event (id, kind, at, history) SELECT u.id, u.kind, u.at, u.history FROM "))
        #expect(event.keys[1].upsert.single == "INSERT INTO event (kind, at, history) SELECT u.kind, u.at, u.history FROM " + values
            + " ON CONFLICT (kind, at) DO UPDATE SET history = excluded.history RETURNING id, kind, at, history")
        #expect(event.keys.map(\.columns) == [["id"], ["kind", "at"]])
        #expect(event.keys.map(\.positions) == [[0], [1, 2]])
        #expect(event.keys[1].find == "SELECT id, kind, at, history FROM event WHERE kind = $1 AND at = $2")
        #expect(event.copySkipsID && event.copyColumns == ["kind", "at", "history"])
    }

    @Test func modelsWithOnlyBaseColumnsGiveValidStatements() throws {
        let counter = try sql("Counter")
        #expect(counter.insert.single == "INSERT INTO counter SELECT FROM (VALUES ($1::int8)) AS u(id) RETURNING id")
        #expect(counter.keys[0].upsert.single
            == "INSERT INTO counter (id) SELECT u.id FROM (VALUES ($1::int8)) AS u(id) ON CONFLICT (id) DO UPDATE SET id = excluded.id RETURNING id")
        #expect(counter.update.bulk == .unnest("UPDATE counter AS t SET id = u.id FROM unnest($1::int8[]) AS u(id) WHERE t.id = u.id RETURNING t.id"))
        #expect(counter.copyColumns.isEmpty)
        let token = try sql("Token")
        #expect(token.insert.single == "INSERT INTO token (id) SELECT u.id FROM (VALUES ($1::uuid)) AS u(id) RETURNING id")
        #expect(token.update.single.hasPrefix("UPDATE token AS t SET id = u.id FROM "))
    }

    @Test func versionIsCheckedAndIncrementedAndNowDefaultsKeptOnConflict() throws {
        let doc = try sql("Doc")
        let source = "(VALUES ($1::uuid, $2::text, $3::text, $4::int8, $5::timestamptz)) AS u(id, slug, body, version, published_at)"
        #expect(doc.update.single == "UPDATE docs AS t SET slug = u.slug, body = u.body, published_at = u.published_at, updated_at = now(), "
            + "version = t.version + 1 FROM " + source + " WHERE t.id = u.id AND t.version = u.version "
            + "RETURNING t.id, t.slug, t.body, t.version, t.published_at, t.created_at, t.updated_at")
        let insert = "INSERT INTO docs (id, slug, body, version, published_at, created_at, updated_at) "
            + "SELECT u.id, u.slug, u.body, u.version, u.published_at, now(), now() FROM " + source
        // published_at (default `now`) is not overwritten on a conflict; version is checked and incremented.
        #expect(doc.keys[1].upsert.single == insert + " ON CONFLICT (slug) DO UPDATE SET body = excluded.body, updated_at = now(), "
            + "version = docs.version + 1 WHERE docs.version = excluded.version "
            + "RETURNING id, slug, body, version, published_at, created_at, updated_at")
        #expect(doc.keys[1].conflictInsert.single == insert && doc.keys[1].conflictTarget == "ON CONFLICT (slug)")
        #expect(doc.conflictAutomatic == ["updated_at = now()", "version = docs.version + 1"])
        #expect(doc.conflictCondition == "WHERE docs.version = excluded.version")
        #expect(doc.partialUpdateHead == "UPDATE docs SET" && doc.partialUpdateAutomatic == ["updated_at = now()", "version = version + 1"])
        #expect(doc.returning == "RETURNING id, slug, body, version, published_at, created_at, updated_at")
        #expect(try sql("Token").partialUpdateAutomatic.isEmpty && sql("Token").conflictCondition == nil)
    }

    @Test func relationsLoadManyRowsInOneStatementAndFilterWithExists() throws {
        let schema = """
            model User: UUIDBase {
                table "user"
                email: String @unique
            }
            model Order: UUIDBase {
                customerID: UUID @references(User, name: buyer, inverse: purchases)
            }
            model Tag: UUIDBase {
                name: String
            }
            model OrderTag: UUIDBase {
                orderID: UUID @references(Order, onDelete: cascade)
                tagID: UUID @references(Tag, onDelete: cascade)
                @@unique(orderID, tagID)
            }
            """
        let result = Compiler.compile(sources: [SourceFile(path: "t.schema", text: schema)])
        let catalog = try #require(result.catalog, "\(result.diagnostics)")
        let order = RelationSQL(model: try #require(catalog.model(named: "Order")), catalog: catalog)
        #expect(order.parents.map(\.name) == ["buyer"])
        #expect(order.parents[0].parents == "SELECT id, email FROM \"user\" WHERE id = ANY($1)")
        #expect(order.parents[0].exists == "EXISTS (SELECT 1 FROM \"user\" AS p WHERE p.id = \"order\".customer_id AND (")
        #expect(order.manyToMany.map(\.name) == ["tags"])
        #expect(order.manyToMany[0].related == "SELECT t.id, t.name, j.order_id FROM order_tag AS j JOIN tag AS t ON t.id = j.tag_id WHERE j.order_id = ANY($1)")
        #expect(order.children.map(\.name) == ["orderTags"])
        let user = RelationSQL(model: try #require(catalog.model(named: "User")), catalog: catalog)
        #expect(user.children.map(\.name) == ["purchases"])
        #expect(user.children[0].children == "SELECT id, customer_id FROM \"order\" WHERE customer_id = ANY($1)")
        #expect(user.children[0].exists == "EXISTS (SELECT 1 FROM \"order\" AS c WHERE c.customer_id = \"user\".id AND (")
        let tag = RelationSQL(model: try #require(catalog.model(named: "Tag")), catalog: catalog)
        #expect(tag.manyToMany.map(\.name) == ["orders"])
        #expect(RelationNames.plural("category") == "categories" && RelationNames.plural("box") == "boxes" && RelationNames.plural("day") == "days")
    }
}
