import CLibPQ

/// Owns one `PGresult`; immutable once created, so reading it from any thread is safe.
final class PGResult: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { PQclear(pointer) }

    var status: ExecStatusType { PQresultStatus(pointer) }
    var rowCount: Int { Int(PQntuples(pointer)) }
    var columnCount: Int { Int(PQnfields(pointer)) }

    func columnName(_ column: Int) -> String {
        guard let name = PQfname(pointer, Int32(column)) else { return String(column) }
        return String(cString: name)
    }

    func columnType(_ column: Int) -> PostgresType { PostgresType(rawValue: PQftype(pointer, Int32(column))) }

    func isNull(row: Int, column: Int) -> Bool { PQgetisnull(pointer, Int32(row), Int32(column)) == 1 }

    /// The value's bytes, valid while this result lives.
    func bytes(row: Int, column: Int) -> UnsafeRawBufferPointer {
        let length = Int(PQgetlength(pointer, Int32(row), Int32(column)))
        guard let value = PQgetvalue(pointer, Int32(row), Int32(column)) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: value, count: length)
    }

    /// The number of rows a command affected (`PQcmdTuples`), 0 when it does not say.
    var affectedRows: Int {
        guard let text = PQcmdTuples(pointer) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    func field(_ code: Character) -> String? {
        guard let ascii = code.asciiValue, let value = PQresultErrorField(pointer, Int32(ascii)) else { return nil }
        return String(cString: value)
    }

    var errorMessage: String {
        guard let message = PQresultErrorMessage(pointer) else { return "" }
        return String(cString: message)
    }

    /// The server error this result carries, when it has a SQLSTATE.
    func serverError(redact: (String) -> String) -> ServerError? {
        guard let code = field("C") else { return nil }
        return ServerError(
            sqlState: SQLState(rawValue: code), severity: field("V") ?? field("S") ?? "ERROR",
            message: redact(field("M") ?? ""), detail: field("D").map(redact), hint: field("H").map(redact),
            constraint: field("n"), schema: field("s"), table: field("t"), column: field("c"))
    }
}
