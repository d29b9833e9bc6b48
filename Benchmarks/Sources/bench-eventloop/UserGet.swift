// The get by id of the event-loop design, made as Athanor's generated `UserRepository.get`
// makes it: the generated statement, one binary `uuid` parameter, binary results decoded into
// the generated `User` through Athanor's codecs, cell by cell, in the generated decoder's order.
@_spi(Generated) import Athanor
@_spi(Generated) import BenchModels
import CLibPQEventLoop

/// The statement and the row decoding of the get by id.
enum UserGet {
    /// The generated repository's statement (`User.table.get`).
    static var statement: String { User.table.get }

    /// The first row of `result` as a `User`, nil when there is none: the generated decoder's
    /// column order and codecs; each cell costs the libpq calls `Row.cell` makes (type, NULL,
    /// value, length).
    static func decode(_ result: OpaquePointer) throws(LoopError) -> User? {
        guard PQntuples(result) > 0 else { return nil }
        return User(
            email: try cell(result, 1),
            name: try cell(result, 2),
            nickname: try cell(result, 3),
            loginCount: try cell(result, 4),
            preferences: try cell(result, 5),
            roles: try cell(result, 6),
            id: try cell(result, 0),
            createdAt: try cell(result, 7),
            updatedAt: try cell(result, 8),
        )
    }

    private static func cell<T: PostgresDecodable>(_ result: OpaquePointer, _ column: Int32) throws(LoopError) -> T {
        let type = PostgresType(rawValue: PQftype(result, column))
        do {
            if PQgetisnull(result, 0, column) == 1 { return try T.decodeNull() }
            let bytes = UnsafeRawBufferPointer(start: PQgetvalue(result, 0, column), count: Int(PQgetlength(result, 0, column)))
            return try T(postgresBytes: bytes, type: type)
        } catch {
            throw .decoding("column \(column) as \(T.self) (type \(type.rawValue)): \(error.reason)")
        }
    }
}

extension EventLoopGroup {
    /// `UserRepository.get(id)` on the event loop: the user, or nil when no row has that id.
    func user(_ id: UUID) async throws -> User? {
        switch await get(id) {
        case .result(let result): try result.consume { pointer throws(LoopError) in try UserGet.decode(pointer) }
        case .failed(let error): throw error
        }
    }
}
