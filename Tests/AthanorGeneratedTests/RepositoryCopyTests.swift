import Athanor
import Foundation
import SchemaExamplesFixture
import ShopFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// `copyMany`: binary COPY through the generated repositories. What it stores must be exactly
    /// what `createMany` stores (audit columns from the database, every column type), all rows or
    /// none, on the pool and in a transaction, each test body in both forms.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositoryCopyTests {
        @Test(arguments: Form.allCases)
        func storesWhatCreateManyStoresWithTheDatabasesAuditColumns(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                let epoch = Date(timeIntervalSince1970: 0)
                let values = (0..<1_000).map { (index: Int) -> User in
                    let roles: [String] = index % 3 == 0 ? ["a", "b,c", "\"q\""] : []
                    let nickname: String? = index % 2 == 0 ? nil : "n\(index)"
                    return User(
                        email: "copy\(index)@example.com", name: "Copy \(index)", nickname: nickname, loginCount: Int64(index),
                        preferences: JSONB(json: "{\"i\": \(index)}"), roles: roles, createdAt: epoch, updatedAt: epoch)
                }
                let before = try await pool.query("SELECT now()", [], idempotent: true)[0].decode(Date.self, at: 0)
                #expect(try await users.copyMany(values) == 1_000)
                let stored = try await users.list(orderBy: [User.columns.loginCount.ascending])
                #expect(stored.map(\.id) == values.map(\.id))
                #expect(stored.map(\.email) == values.map(\.email) && stored.map(\.nickname) == values.map(\.nickname))
                #expect(stored.map(\.roles) == values.map(\.roles) && stored.map(\.loginCount) == values.map(\.loginCount))
                #expect(try stored.map { try $0.preferences.decode(JSONValue.self) } == values.map { try $0.preferences.decode(JSONValue.self) })
                // The audit columns are the database's now(), one transaction for the whole call,
                // not the values' (the epoch), exactly as createMany sets them.
                #expect(stored.allSatisfy { $0.createdAt >= before && $0.createdAt == $0.updatedAt })
                #expect(Set(stored.map(\.createdAt)).count == 1)
                let created = try await users.createMany([User(email: "created@example.com", name: "C", createdAt: epoch)])
                #expect(created[0].createdAt >= before)
            }
        }

        @Test(arguments: Form.allCases)
        func enumsReferencesAndSequentialIDs(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let customer = try await form.repository(pool, of: User.self).create(User(email: "buyer@example.com", name: "Buyer"))
                let orders = form.repository(pool, of: Order.self)
                let values = (0..<10).map { (index: Int) -> Order in
                    let note: String? = index == 0 ? nil : "note"
                    return Order(customerID: customer.id, externalRef: "R\(index)", totalCents: Int64(index * 100),
                                 status: OrderStatus.allCases[index % 4], note: note)
                }
                #expect(try await orders.copyMany(values) == 10)
                let stored = try await orders.list(orderBy: [Order.columns.totalCents.ascending])
                #expect(stored.map(\.status) == values.map(\.status) && stored.map(\.note) == values.map(\.note))
                #expect(stored.map(\.externalRef) == values.map(\.externalRef))
                // A BigIntAuditBase model: the database assigns the ids (the values have none).
                let events = form.repository(pool, of: AuditEvent.self)
                let logged = (0..<5).map { (index: Int) -> AuditEvent in
                    AuditEvent(action: "a\(index)", payload: JSONB(json: "[\(index)]"), actorID: index == 0 ? nil : customer.id)
                }
                #expect(logged.allSatisfy { $0.id == nil })
                #expect(try await events.copyMany(logged) == 5)
                let storedEvents = try await events.list()
                #expect(Set(storedEvents.compactMap(\.id)).count == 5)
                #expect(Set(storedEvents.map(\.action)) == Set(logged.map(\.action)))
            }
        }

        @Test(arguments: Form.allCases)
        func aDuplicateKeyWritesNothingAndNamesTheConstraint(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                let users = form.repository(pool, of: User.self)
                try await users.create(User(email: "taken@example.com", name: "First"))
                let values = (0..<500).map { User(email: "u\($0)@example.com", name: "U") } + [User(email: "taken@example.com", name: "Again")]
                let error = await #expect(throws: AthanorError.self) { try await users.copyMany(values) }
                #expect(error?.sqlState == .uniqueViolation)
                guard case .server(let server) = error else { Issue.record("not a server error: \(String(describing: error))"); return }
                #expect(server.constraint == "users_email_key")
                #expect(try await users.count() == 1)
                // The pool's connection is usable after the failed COPY.
                #expect(try await users.copyMany([User(email: "next@example.com", name: "Next")]) == 1)
                #expect(try await users.copyMany([]) == 0)
            }
        }

        /// A value that cannot be sent (a NUL byte in text, row 300 of 600): a typed encoding
        /// error naming the row and the column, the COPY aborted with no row written, the pool's
        /// connection still usable.
        @Test(arguments: Form.allCases)
        func aValueThatCannotBeSentWritesNothing(_ form: Form) async throws {
            try await ShopDatabase.with { (pool: ConnectionPool) async throws -> Void in
                let users = form.repository(pool, of: User.self)
                var values = (0..<600).map { User(email: "v\($0)@example.com", name: "V") }
                values[300].name = "nul\u{0}byte"
                let error = await #expect(throws: AthanorError.self) { try await users.copyMany(values) }
                guard case .encoding(let failure)? = error else { Issue.record("not an encoding error: \(String(describing: error))"); return }
                #expect(failure.reason.contains("row 300, column 2") && failure.reason.contains("NUL"), "\(failure.reason)")
                #expect(try await users.count() == 0)
                values[300].name = "fine"
                #expect(try await users.copyMany(values) == 600)
            }
        }

        @Test(arguments: Form.allCases)
        func partOfAnEnclosingTransaction(_ form: Form) async throws {
            try await ShopDatabase.with { pool in
                struct Abandon: Error {}
                await #expect(throws: Abandon.self) {
                    try await form.transaction(pool, { tx in
                        #expect(try await UserRepository(tx).copyMany([User(email: "gone@example.com", name: "Gone")]) == 1)
                        #expect(try await UserRepository(tx).count() == 1)
                        throw Abandon()
                    }, { tx in
                        #expect(try UserBlockingRepository(tx).copyMany([User(email: "gone@example.com", name: "Gone")]) == 1)
                        #expect(try UserBlockingRepository(tx).count() == 1)
                        throw Abandon()
                    })
                }
                #expect(try await form.repository(pool, of: User.self).count() == 0)
                try await form.transaction(pool, { tx in
                    let customer = try await UserRepository(tx).create(User(email: "kept@example.com", name: "Kept"))
                    try await OrderRepository(tx).copyMany([Order(customerID: customer.id, externalRef: "K1", totalCents: 1)])
                }, { tx in
                    let customer = try UserBlockingRepository(tx).create(User(email: "kept@example.com", name: "Kept"))
                    try OrderBlockingRepository(tx).copyMany([Order(customerID: customer.id, externalRef: "K1", totalCents: 1)])
                })
                #expect(try await form.repository(pool, of: Order.self).count() == 1)
            }
        }

        /// Every scalar type, optional or not, enums and enum arrays, defaults of every kind: the
        /// rows `copyMany` stores equal those `createMany` stores from the same values.
        @Test(arguments: Form.allCases)
        func everyScalarTypeAsCreateManyStoresIt(_ form: Form) async throws {
            try await SchemaExamplesTests.with { pool in
                let devices = form.repository(pool, of: Device.self)
                let plain = Device(serial: "D-0")
                let full = Device(serial: "D-1", label: "Ünïcode \"quoted\"", firmware: Int32.max, enabled: false,
                                  location: JSONB(json: #"{"lat": 1.5}"#), secret: Data([0, 1, 255]),
                                  calibration: [-0.0, 1e-300], tags: ["a", ""], owner: UUID())
                #expect(try await devices.copyMany([plain, full]) == 2)
                let copiedDevices = try await devices.list(orderBy: [Device.columns.serial.ascending])
                #expect(copiedDevices.map(\.label) == [plain.label, full.label] && copiedDevices.map(\.firmware) == [1, Int32.max])
                #expect(copiedDevices.map(\.secret) == [nil, full.secret] && copiedDevices.map(\.tags) == [nil, ["a", ""]])
                #expect(copiedDevices.map(\.owner) == [nil, full.owner] && copiedDevices.map(\.enabled) == [true, false])
                #expect(copiedDevices.map(\.calibration) == [[], full.calibration] && copiedDevices[0].location == nil)
                let readings = form.repository(pool, of: Reading.self)
                func reading(_ index: Int) -> Reading {
                    Reading(deviceID: full.id, temperature: -40.25 + Double(index), sequence: Int64(index), raw: Data([UInt8(index), 0]),
                            humidity: index % 2 == 0 ? nil : Float(index) / 3, voltage: Decimal(string: "-0.000001")!, flags: Int16.min,
                            severity: .error, history: [.debug, .warning], samples: index % 2 == 0 ? nil : [Int32.min, 0],
                            extra: JSONB(json: #"{"n": [1, 2]}"#))
                }
                let created = try await readings.createMany((0..<4).map(reading))
                #expect(try await readings.copyMany((4..<8).map(reading)) == 4)
                let copied = try await readings.list(where: Reading.columns.sequence >= 4, orderBy: [Reading.columns.sequence.ascending])
                #expect(copied.count == 4)
                for (stored, expected) in zip(copied, created) {
                    #expect(stored.temperature == expected.temperature + 4 && stored.voltage == expected.voltage)
                    #expect(stored.humidity == reading(Int(stored.sequence)).humidity && stored.flags == expected.flags)
                    #expect(stored.severity == expected.severity && stored.history == expected.history)
                    #expect(stored.samples == expected.samples && stored.raw == Data([UInt8(stored.sequence), 0]))
                    #expect(try stored.extra.decode(JSONValue.self) == expected.extra.decode(JSONValue.self))
                    #expect(abs(stored.takenAt.timeIntervalSince(reading(0).takenAt)) < 60)
                }
            }
        }

        @Test(arguments: Form.allCases)
        func everyArrayElementTypeReservedWordsAndAllDefaultRows(_ form: Form) async throws {
            try await SchemaExamplesTests.with { pool in
                let arrays = form.repository(pool, of: Arrays.self)
                func row(_ label: String, _ index: Int) -> Arrays {
                    Arrays(
                        label: label, texts: ["", "a,b", "quote\" and \\", "{x}", "NULL", "ünï 🙂"], smalls: [Int16.min, Int16.max],
                        ints: [Int32(index)], bigs: [Int64.min], doubles: [0.1, .infinity, -.infinity], floats: [1.5],
                        flags: [true, false], decimals: [Decimal(string: "-12345678901234567890.5")!, 0], ids: [UUID()],
                        blobs: [Data(), Data([0, 255])], documents: [JSONB(json: #"{"a": [1]}"#)], moods: [.sunny, .calm],
                        maybe: index % 2 == 0 ? nil : ["m"])
                }
                let copied = (0..<4).map { row("copied \($0)", $0) }
                let created = try await arrays.createMany((0..<4).map { row("created \($0)", $0) })
                #expect(try await arrays.copyMany(copied) == 4)
                let stored = try await arrays.list(where: Arrays.columns.label.like("copied %"), orderBy: [Arrays.columns.label.ascending])
                // Column for column, COPY stores what the INSERT of createMany stores.
                #expect(stored.map(\.texts) == created.map(\.texts) && stored.map(\.smalls) == created.map(\.smalls))
                #expect(stored.map(\.ints) == created.map(\.ints) && stored.map(\.doubles) == created.map(\.doubles))
                #expect(stored.map(\.decimals) == created.map(\.decimals) && stored.map(\.blobs) == created.map(\.blobs))
                #expect(stored.map(\.moods) == created.map(\.moods) && stored.map(\.maybe) == created.map(\.maybe))
                #expect(stored.map(\.ids) == copied.map(\.ids) && stored.map(\.flags) == created.map(\.flags))
                let times = [Date(timeIntervalSince1970: 1_700_000_000.123456)]
                let moments = form.repository(pool, of: Moments.self)
                #expect(try await moments.copyMany([Moments(label: "m", times: times)]) == 1)
                let moment = try await moments.call({ try await $0.find(label: "m") }, { try $0.find(label: "m") })
                #expect(abs((moment?.times.first ?? .distantPast).timeIntervalSince(times[0])) < 0.000_001)
                // Tables and columns that are reserved words ("group", "user", "order", "select").
                let group = try await form.repository(pool, of: Group.self).create(Group(name: "g", visibility: .private))
                let members = form.repository(pool, of: Member.self)
                #expect(try await members.copyMany([Member(groupID: group.id, order: 7, select: false, class: "c")]) == 1)
                #expect(try await members.call({ try await $0.find(groupID: group.id, order: 7) }, { try $0.find(groupID: group.id, order: 7) })?.class == "c")
                // A model whose every column has a default: nothing to COPY, the rows are still written.
                let ticks = form.repository(pool, of: Tick.self)
                #expect(try await ticks.copyMany([Tick(), Tick()]) == 2)
                #expect(try await ticks.count() == 2)
            }
        }
    }
}
