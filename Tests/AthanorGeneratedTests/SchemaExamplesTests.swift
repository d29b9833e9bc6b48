import Athanor
import AthanorTesting
import Foundation
import SchemaExamplesFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// The other schemas of `schemas/` through the generated code: Swift keywords and SQL reserved
    /// words as names, enum arrays, nullable arrays, every scalar type.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct SchemaExamplesTests {
        static func with(_ body: (ConnectionPool) async throws -> Void) async throws {
            try await TestDatabase.with(.schemaExamples) { try await body($0.pool) }
        }

        @Test(arguments: Form.allCases)
    func keywordsAndReservedWords(_ form: Form) async throws {
            try await Self.with { pool in
                let group = try await form.repository(pool, of: Group.self).upsert(Group(name: "swift", visibility: .private, default: true), matching: .name)
                #expect(group.visibility == .private && group.default)
                let members = form.repository(pool, of: Member.self)
                let member = try await members.create(Member(groupID: group.id, order: 1, class: "a", func: "b", where: "c"))
                #expect(member.class == "a" && member.func == "b" && member.where == "c" && member.select)
                let moved = try await members.upsert(Member(groupID: group.id, order: 1, select: false), matching: .groupIDOrder)
                #expect(moved.id == member.id && !moved.select && moved.class == nil)
                #expect(try await members.call({ try await $0.find(groupID: group.id, order: 1) }, { try $0.find(groupID: group.id, order: 1) })?.id == member.id)
                let picked = try await members.list(where: Member.columns.order >= 1 && Member.columns.where.isNull)
                #expect(picked.map(\.id) == [member.id])
                let selections = form.repository(pool, of: Selection.self)
                let selection = try await selections.create(Selection(memberID: member.id, limit: 5))
                #expect(try await selections.count(where: Selection.columns.from.before(Date().addingTimeInterval(60))) == 1)
                #expect(selection.limit == 5)
                #expect(try await form.repository(pool, of: Group.self).list(where: Group.columns.visibility.in([.public, .default])).isEmpty)
            }
        }

        @Test(arguments: Form.allCases)
    func arraysOfEveryElementTypeInBulk(_ form: Form) async throws {
            try await Self.with { pool in
                let repository = form.repository(pool, of: Arrays.self, batchSize: 2)
                let values = (0..<5).map { index in
                    Arrays(
                        label: "row \(index)",
                        texts: ["", "a,b", "quote\" and \\", "{x}", "NULL", "ünï 🙂"].suffix(index + 1),
                        smalls: [Int16.min, -1, Int16.max], ints: [Int32(index), Int32.max], bigs: [Int64.min, Int64(index)],
                        doubles: [0.1, -2.5e-300, .infinity, -.infinity, 1e300], floats: [1.5, -0.25],
                        flags: [true, false], decimals: [Decimal(string: "-12345678901234567890.5")!, 0, Decimal(index)],
                        ids: [UUID(), UUID()], blobs: [Data(), Data([0, 255, 92, 34])],
                        documents: [JSONB(json: #"{"a": [1, "x\"y"]}"#), JSONB(json: "null")], moods: [.sunny, .calm],
                        maybe: index % 2 == 0 ? nil : ["m\(index)"])
                }
                let stored = try await repository.upsertMany(values, matching: .label)
                #expect(stored.map(\.texts) == values.map(\.texts))
                #expect(stored.map(\.smalls) == values.map(\.smalls) && stored.map(\.ints) == values.map(\.ints))
                #expect(stored.map(\.bigs) == values.map(\.bigs) && stored.map(\.doubles) == values.map(\.doubles))
                #expect(stored.map(\.floats) == values.map(\.floats) && stored.map(\.flags) == values.map(\.flags))
                #expect(stored.map(\.decimals) == values.map(\.decimals) && stored.map(\.ids) == values.map(\.ids))
                #expect(stored.map(\.blobs) == values.map(\.blobs) && stored.map(\.moods) == values.map(\.moods))
                #expect(stored.map(\.maybe) == values.map(\.maybe))
                #expect(try stored.map { try $0.documents.map { try $0.decode(JSONValue.self) } }
                    == values.map { try $0.documents.map { try $0.decode(JSONValue.self) } })
                let nan = try await repository.create(Arrays(label: "nan", doubles: [.nan]))
                #expect(nan.doubles.count == 1 && nan.doubles[0].isNaN)
                let updated = try await repository.updateMany(stored.map { var row = $0; row.texts.append("new"); return row })
                #expect(updated.allSatisfy { $0.texts.last == "new" })
            }
        }

        @Test(arguments: Form.allCases)
    func timestampArraysTravelAsValues(_ form: Form) async throws {
            try await Self.with { pool in
                let moments = form.repository(pool, of: Moments.self, batchSize: 2)
                let times = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_700_000_000.123456)]
                let stored = try await moments.createMany((0..<3).map { Moments(label: "m\($0)", times: Array(times.prefix($0))) })
                #expect(stored.map(\.times.count) == [0, 1, 2])
                #expect(abs(stored[2].times[1].timeIntervalSince(times[1])) < 0.000_001)
            }
        }

        @Test(arguments: Form.allCases)
    func enumArraysNullableArraysAndEveryScalar(_ form: Form) async throws {
            try await Self.with { pool in
                let device = try await form.repository(pool, of: Device.self).create(
                    Device(serial: "D-1", calibration: [0.5, -1.25], tags: nil, owner: UUID()))
                #expect(device.label == "unnamed \"device\"" && device.tags == nil && device.calibration == [0.5, -1.25])
                let readings = form.repository(pool, of: Reading.self, batchSize: 2)
                let values = (0..<5).map { index in
                    Reading(deviceID: device.id, temperature: 20.5 + Double(index), sequence: Int64(index), raw: Data([UInt8(index)]),
                            humidity: index % 2 == 0 ? nil : 0.5, history: Array(Severity.allCases.prefix(index)),
                            samples: index == 0 ? nil : Array(repeating: Int32(index), count: index))
                }
                let stored = try await readings.upsertMany(values, matching: .deviceIDSequence)
                #expect(stored.map(\.history) == values.map(\.history))
                #expect(stored.map(\.samples) == values.map(\.samples))
                #expect(stored.allSatisfy { $0.voltage == Decimal(string: "3.30") && $0.flags == -1 && $0.severity == .info })
                let warned = try await readings.updateMany(stored.map { var reading = $0; reading.severity = .warning; return reading })
                #expect(warned.allSatisfy { $0.severity == .warning })
                #expect(try await readings.count(where: Reading.columns.severity == .warning) == 5)
            }
        }
    }
}

extension GeneratedCodeOnTheServer.SchemaExamplesTests {
    @Test(arguments: Form.allCases)
    func modelsWithOnlyBaseColumns(_ form: Form) async throws {
        try await Self.with { pool in
            let ticks = form.repository(pool, of: Tick.self)
            let one = try await ticks.create(Tick())
            let more = try await ticks.createMany([Tick(), Tick(), Tick()])
            #expect(one.id != nil && more.count == 3 && Set(more.compactMap(\.id)).count == 3)
            #expect(try await ticks.update(one).id == one.id)
            #expect(try await ticks.upsert(one, matching: .id).id == one.id)
            #expect(try await ticks.count() == 4)
            let markers = form.repository(pool, of: Marker.self)
            let marker = try await markers.create(Marker())
            #expect(try await markers.updateMany([marker]).map(\.id) == [marker.id])
            #expect(try await markers.upsertMany([marker, Marker()], matching: .id).count == 2)
        }
    }

    @Test(arguments: Form.allCases)
    func keywordLabels(_ form: Form) async throws {
        try await Self.with { pool in
            let labels = form.repository(pool, of: Labels.self)
            let stored = try await labels.create(Labels(let: 1, var: 2, `inout`: 3, init: "x"))
            #expect(stored.let == 1 && stored.var == 2 && stored.inout == 3 && stored.`init` == "x")
            #expect(try await labels.call({ try await $0.find(let: 1) }, { try $0.find(let: 1) })?.id == stored.id)
            // A nullable unique column is found by a value, never by nil (find(let: nil) does not compile).
            let optional: Int32? = 1
            if let value = optional { #expect(try await labels.call({ try await $0.find(let: value) }, { try $0.find(let: value) })?.id == stored.id) }
        }
    }

    /// Known issue #1: NULL never conflicts, so an upsert on a nullable unique key whose value is
    /// nil would insert a new row every time; it is a misuse, caught before any round trip.
    @Test(arguments: Form.allCases)
    func upsertOnANilUniqueKeyIsAClientSideMisuse(_ form: Form) async throws {
        try await Self.with { pool in
            let labels = form.repository(pool, of: Labels.self)
            for attempt in [
                { _ = try await labels.upsert(Labels(var: 1), matching: .let) },
                { _ = try await labels.upsertMany([Labels(let: 7), Labels(var: 2)], matching: .let) },
            ] as [() async throws -> Void] {
                do {
                    try await attempt()
                    Issue.record("expected a misuse error")
                } catch AthanorError.misuse(let text) {
                    #expect(text.contains("Labels") && text.contains("let"))
                }
            }
            #expect(try await labels.count() == 0)
            _ = try await labels.upsert(Labels(let: 7, var: 1), matching: .let)
            #expect(try await labels.upsert(Labels(let: 7, var: 2), matching: .let).var == 2)
            #expect(try await labels.count() == 1)
        }
    }
}
