import Athanor
import Foundation
import SchemaExamplesFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// `create`, `update` and `upsert` of one value send it as scalar parameters
    /// (`... FROM (VALUES ($1::uuid, ...)) AS u(...) ...`), not as one-element `unnest` arrays:
    /// the values round-trip exactly (enums, enum arrays, arrays, NULLs, composite match keys),
    /// and the statements the server prepared on the connection are the single-row ones.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct RepositorySingleRowTests {
        /// The pool of the schema examples' tables (`SchemaExamplesTests.with`).
        static func with(_ body: (ConnectionPool) async throws -> Void) async throws {
            try await SchemaExamplesTests.with(body)
        }

        /// The write statements the server holds prepared for `connection`.
        static func preparedWrites(_ connection: Connection) async throws -> [String] {
            let rows = try await connection.query("SELECT statement FROM pg_prepared_statements ORDER BY prepare_time")
            return try rows.map { try $0.decode(String.self, at: 0) }
                .filter { $0.hasPrefix("INSERT") || $0.hasPrefix("UPDATE") }
        }

        static func reading(_ device: UUID, sequence: Int64) -> Reading {
            Reading(
                deviceID: device, temperature: -12.5, sequence: sequence, raw: Data([0, 255, 92, 34]),
                takenAt: Date(timeIntervalSince1970: 1_700_000_000.5), humidity: nil,
                voltage: Decimal(string: "-12345678901234567890.5")!, flags: Int16.min, severity: .warning,
                history: [.debug, .error, .info], samples: nil, extra: JSONB(json: #"{"a": [1, "x\"y"]}"#))
        }

        static func expectSameFields(_ stored: Reading, _ value: Reading) throws {
            #expect(stored.id == value.id && stored.deviceID == value.deviceID && stored.takenAt == value.takenAt)
            #expect(stored.temperature == value.temperature && stored.humidity == value.humidity)
            #expect(stored.voltage == value.voltage && stored.sequence == value.sequence && stored.flags == value.flags)
            #expect(stored.raw == value.raw && stored.severity == value.severity && stored.history == value.history)
            #expect(stored.samples == value.samples)
            #expect(try stored.extra.decode(JSONValue.self) == value.extra.decode(JSONValue.self))
        }

        @Test func createUpdateUpsertRoundTripAsSingleRows() async throws {
            try await Self.with { pool in
                try await pool.withConnection { connection in
                    let devices = DeviceRepository(connection)
                    let device = try await devices.create(Device(
                        serial: "d-1", location: nil, calibration: [0.5, -1e300, .infinity], tags: nil))
                    #expect(device.calibration == [0.5, -1e300, .infinity] && device.tags == nil && device.location == nil)
                    #expect(device.createdAt == device.updatedAt)

                    let readings = ReadingRepository(connection)
                    let value = Self.reading(device.id, sequence: 1)
                    let created = try await readings.create(value)
                    try Self.expectSameFields(created, value)
                    #expect(try await readings.get(value.id) == created)

                    var changed = created
                    changed.history = []
                    changed.samples = [Int32.min, 0, Int32.max]
                    changed.humidity = 0.25
                    changed.severity = .error
                    let updated = try await readings.update(changed)
                    try Self.expectSameFields(updated, changed)
                    changed.samples = nil
                    changed.humidity = nil
                    try Self.expectSameFields(try await readings.update(changed), changed)

                    // The composite key (deviceID, sequence): an existing row keeps its id.
                    var other = Self.reading(device.id, sequence: 1)
                    other.history = [.warning]
                    other.samples = []
                    let merged = try await readings.upsert(other, matching: .deviceIDSequence)
                    #expect(merged.id == created.id)
                    other.id = created.id
                    try Self.expectSameFields(merged, other)
                    let inserted = try await readings.upsert(Self.reading(device.id, sequence: 2), matching: .deviceIDSequence)
                    #expect(inserted.id != created.id && inserted.sequence == 2)
                    #expect(try await readings.count() == 2)

                    // Audit columns: update and upsert keep createdAt and move updatedAt.
                    var renamed = device
                    renamed.tags = ["a,b", "", "NULL"]
                    let moved = try await devices.update(renamed)
                    #expect(moved.tags == ["a,b", "", "NULL"] && moved.createdAt == device.createdAt && moved.updatedAt > device.updatedAt)
                    let upserted = try await devices.upsert(Device(serial: "d-1", label: "again", calibration: []), matching: .serial)
                    #expect(upserted.id == device.id && upserted.createdAt == device.createdAt)
                    #expect(upserted.updatedAt > moved.updatedAt && upserted.label == "again" && upserted.calibration.isEmpty)

                    await #expect(throws: RecordNotFound.self) { try await readings.update(Self.reading(device.id, sequence: 3)) }
                    #expect(try await readings.count() == 2)

                    let prepared = try await Self.preparedWrites(connection)
                    #expect(!prepared.isEmpty)
                    #expect(prepared.allSatisfy { $0.contains(" FROM (VALUES ($1::uuid, ") && !$0.contains("unnest(") }, "\(prepared)")
                    #expect(prepared.contains { $0.hasPrefix("INSERT INTO readings ") && $0.contains("$11::text[], $12::int4[], $13::jsonb)) AS u(") })
                    // Each statement was prepared once, however often it ran.
                    #expect(Set(prepared).count == prepared.count)
                }
            }
        }

        @Test func blockingFormsAndNullMatchKeys() async throws {
            try await Self.with { pool in
                try await onThread {
                    try pool.withConnectionBlocking { connection in
                        let labels = LabelsBlockingRepository(connection)
                        let created = try labels.create(Labels(let: 1, var: nil, init: "x"))
                        #expect(created.let == 1 && created.var == nil && created.inout == nil && created.`init` == "x")
                        var changed = created
                        changed.var = 2
                        changed.`init` = nil
                        #expect(try labels.update(changed) == changed)
                        #expect(try labels.upsert(Labels(let: 1, `inout`: 3), matching: .let).id == created.id)
                        // NULL never matches a unique key: refused before anything is sent.
                        #expect(throws: AthanorError.self) { try labels.upsert(Labels(let: nil), matching: .let) }
                        #expect(throws: RecordNotFound.self) { try labels.update(Labels(let: 9)) }
                        #expect(try labels.count() == 1)
                        let ticks = TickBlockingRepository(connection)
                        let tick = try ticks.create(Tick())
                        #expect(tick.id != nil)
                        #expect(try ticks.update(tick) == tick)
                        let prepared = try connection.query("SELECT statement FROM pg_prepared_statements")
                            .map { try $0.decode(String.self, at: 0) }
                            .filter { $0.hasPrefix("INSERT") || $0.hasPrefix("UPDATE") }
                        #expect(prepared.count == 5, "\(prepared)")
                        #expect(prepared.allSatisfy { $0.contains(" FROM (VALUES ($1::") && !$0.contains("unnest(") }, "\(prepared)")
                    }
                }
            }
        }
    }
}
