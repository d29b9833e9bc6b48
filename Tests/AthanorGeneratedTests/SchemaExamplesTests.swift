import Athanor
import Foundation
import SchemaExamplesFixture
import Testing

extension GeneratedCodeOnTheServer {
    /// The other schemas of `schemas/` through the generated code: Swift keywords and SQL reserved
    /// words as names, enum arrays, nullable arrays, every scalar type.
    @Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
    struct SchemaExamplesTests {
        static func with(_ body: (ConnectionPool) async throws -> Void) async throws {
            try await TestDatabase.with { database in
                let pool = ConnectionPool(url: database.url, configuration: PoolConfiguration(size: 2))
                do {
                    try await SchemaExamplesFixture.AthanorSchema.createTables(on: pool)
                    try await body(pool)
                } catch {
                    await pool.close()
                    throw error
                }
                await pool.close()
            }
        }

        @Test func keywordsAndReservedWords() async throws {
            try await Self.with { pool in
                let group = try await GroupRepository(pool).upsert(Group(name: "swift", visibility: .private, default: true), matching: .name)
                #expect(group.visibility == .private && group.default)
                let members = MemberRepository(pool)
                let member = try await members.create(Member(groupID: group.id, order: 1, class: "a", func: "b", where: "c"))
                #expect(member.class == "a" && member.func == "b" && member.where == "c" && member.select)
                let moved = try await members.upsert(Member(groupID: group.id, order: 1, select: false), matching: .groupIDOrder)
                #expect(moved.id == member.id && !moved.select && moved.class == nil)
                #expect(try await members.find(groupID: group.id, order: 1)?.id == member.id)
                let picked = try await members.list(where: Member.columns.order >= 1 && Member.columns.where.isNull)
                #expect(picked.map(\.id) == [member.id])
                let selection = try await SelectionRepository(pool).create(Selection(memberID: member.id, limit: 5))
                #expect(try await SelectionRepository(pool).count(where: Selection.columns.from.before(Date().addingTimeInterval(60))) == 1)
                #expect(selection.limit == 5)
                #expect(try await GroupRepository(pool).list(where: Group.columns.visibility.in([.public, .default])).isEmpty)
            }
        }

        @Test func enumArraysNullableArraysAndEveryScalar() async throws {
            try await Self.with { pool in
                let device = try await DeviceRepository(pool).create(
                    Device(serial: "D-1", calibration: [0.5, -1.25], tags: nil, owner: UUID()))
                #expect(device.label == "unnamed \"device\"" && device.tags == nil && device.calibration == [0.5, -1.25])
                let readings = ReadingRepository(pool, batchSize: 2)
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
