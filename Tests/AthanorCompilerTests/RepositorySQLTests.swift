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
        """

    func sql(_ name: String) throws -> RepositorySQL {
        let result = Compiler.compile(sources: [SourceFile(path: "t.schema", text: Self.schema)])
        let catalog = try #require(result.catalog, "\(result.diagnostics)")
        return RepositorySQL(model: try #require(catalog.model(named: name)), catalog: catalog)
    }

    @Test func readsAndDeletes() throws {
        let user = try sql("User")
        #expect(user.select == "SELECT id, email, name, mood, created_at, updated_at FROM users")
        #expect(user.count == "SELECT count(*) FROM users")
        #expect(user.delete == "DELETE FROM users")
        #expect(user.finds.map(\.constraint) == ["users_pkey", "users_email_key"])
        #expect(user.finds[1].sql == "SELECT id, email, name, mood, created_at, updated_at FROM users WHERE email = $1")
    }

    @Test func insertSetsBothAuditColumnsAndCastsEnums() throws {
        let user = try sql("User")
        #expect(user.sourceColumns == ["id", "email", "name", "mood"])
        #expect(user.sourceTypes == ["uuid", "text", "text", "text"])
        #expect(user.sourceRowTypes == ["uuid", "text", "text", "text"])
        #expect(!user.sourceUsesValues)
        #expect(user.insert.head == "INSERT INTO users (id, email, name, mood, created_at, updated_at) SELECT u.id, u.email, u.name, u.mood::mood, now(), now() FROM ")
        #expect(user.insert.tail == " RETURNING id, email, name, mood, created_at, updated_at")
    }

    @Test func upsertKeepsIDAndCreatedAtAndMovesUpdatedAt() throws {
        let user = try sql("User")
        #expect(user.upserts.map(\.constraint) == ["users_pkey", "users_email_key"])
        #expect(user.upserts[1].statement.tail
            == " ON CONFLICT (email) DO UPDATE SET name = excluded.name, mood = excluded.mood, updated_at = now() RETURNING id, email, name, mood, created_at, updated_at")
        #expect(user.upserts[0].statement.tail
            == " ON CONFLICT (id) DO UPDATE SET email = excluded.email, name = excluded.name, mood = excluded.mood, updated_at = now() RETURNING id, email, name, mood, created_at, updated_at")
    }

    @Test func updateByPrimaryKey() throws {
        let user = try sql("User")
        #expect(user.update.head == "UPDATE users AS t SET email = u.email, name = u.name, mood = u.mood::mood, updated_at = now() FROM ")
        #expect(user.update.tail == " WHERE t.id = u.id RETURNING t.id, t.email, t.name, t.mood, t.created_at, t.updated_at")
    }

    @Test func arrayColumnsTravelAsLiteralsAndReservedNamesAreQuoted() throws {
        let tagged = try sql("Tagged")
        #expect(!tagged.sourceUsesValues)
        #expect(tagged.sourceColumns == ["id", "\"order\"", "tags", "moods"])
        #expect(tagged.sourceTypes == ["uuid", "text", "text", "text"])
        // One row alone sends its arrays as binary arrays (enum arrays as text[], cast back).
        #expect(tagged.sourceRowTypes == ["uuid", "text", "text[]", "text[]"])
        #expect(tagged.insert.head == "INSERT INTO tagged (id, \"order\", tags, moods) SELECT u.id, u.\"order\", u.tags::text[], u.moods::mood[] FROM ")
        #expect(tagged.update.head == "UPDATE tagged AS t SET \"order\" = u.\"order\", tags = u.tags::text[], moods = u.moods::mood[] FROM ")
    }

    @Test func timestampArraysTravelAsValues() throws {
        let event = try sql("Event")
        #expect(event.sourceUsesValues)
        #expect(event.sourceTypes == ["int8", "text", "timestamptz", "timestamptz[]"])
        #expect(event.sourceRowTypes == event.sourceTypes)
        #expect(event.insert.head == "INSERT INTO event (kind, at, history) SELECT u.kind, u.at, u.history FROM ")
    }

    @Test func sequentialIDsAreLeftToTheDatabaseExceptForUpsertOnThePrimaryKey() throws {
        let event = try sql("Event")
        #expect(event.insert.head == "INSERT INTO event (kind, at, history) SELECT u.kind, u.at, u.history FROM ")
        #expect(event.upserts[0].statement.head == "INSERT INTO event (id, kind, at, history) SELECT u.id, u.kind, u.at, u.history FROM ")
        #expect(event.upserts[1].statement.head == "INSERT INTO event (kind, at, history) SELECT u.kind, u.at, u.history FROM ")
        #expect(event.upserts[1].statement.tail == " ON CONFLICT (kind, at) DO UPDATE SET history = excluded.history RETURNING id, kind, at, history")
        #expect(event.upserts.map(\.statement.keyColumns) == [["id"], ["kind", "at"]])
        #expect(event.finds[1].sql == "SELECT id, kind, at, history FROM event WHERE kind = $1 AND at = $2")
    }

    @Test func modelsWithOnlyBaseColumnsGiveValidStatements() throws {
        let counter = try sql("Counter")
        #expect(counter.insert.head == "INSERT INTO counter SELECT FROM ")
        #expect(counter.insert.tail == " RETURNING id")
        #expect(counter.upserts[0].statement.head == "INSERT INTO counter (id) SELECT u.id FROM ")
        #expect(counter.upserts[0].statement.tail == " ON CONFLICT (id) DO UPDATE SET id = excluded.id RETURNING id")
        #expect(counter.update.head == "UPDATE counter AS t SET id = u.id FROM ")
        let token = try sql("Token")
        #expect(token.insert.head == "INSERT INTO token (id) SELECT u.id FROM ")
        #expect(token.update.head == "UPDATE token AS t SET id = u.id FROM ")
    }
}
