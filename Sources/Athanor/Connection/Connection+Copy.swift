import CLibPQ

extension Connection {
    /// How many encoded bytes COPY buffers before it hands them to `PQputCopyData`.
    public static let copyChunkBytes = 256 * 1024

    /// Inserts rows with binary `COPY ... FROM STDIN` and returns how many were copied.
    ///
    /// ```swift
    /// let copied = try await conn.copy(into: "users", columns: ["id", "email"],
    ///                                  rows: users.lazy.map { [$0.id, $0.email] })
    /// ```
    /// Runs, in three round trips (one more per user-defined column type, for arrays of enums):
    /// ```sql
    /// SELECT "id", "email" FROM "users" LIMIT 0          -- the columns' types (prepared, cached)
    /// COPY "users" ("id", "email") FROM STDIN (FORMAT binary)
    /// -- the rows, streamed in chunks of copyChunkBytes, then the end of the data: COPY n
    /// ```
    /// `table` and `columns` are single identifiers, quoted with `SQLIdentifier.quoted(_:)`. Each row
    /// holds one value per column; a value is encoded in its column's binary format (integers and
    /// floats take the column's width, text goes into enum and varchar columns). The rows are
    /// encoded on the connection's thread as they are sent: never the whole batch at once.
    ///
    /// Outside a transaction the COPY is its own implicit transaction: all rows or none. A server
    /// error (a unique violation, a bad value) is ``AthanorError/server(_:)`` with its SQLSTATE
    /// and the connection stays usable (inside a transaction, roll it back). A value that cannot
    /// be encoded aborts the COPY and throws ``AthanorError/encoding(_:)`` naming its row and
    /// column. Task cancellation cancels the COPY like any other statement.
    public func copy(
        into table: String, columns: [String], rows: sending some Sequence<[any PostgresEncodable]>
    ) async throws -> Int {
        let handed = HandedOver(AnySequence(rows))
        return try await perform { connection throws(AthanorError) in
            try connection.runCopy(into: table, columns: columns, rows: handed.value)
        }
    }

    /// Blocking form of ``copy(into:columns:rows:)-(_,_,_)``: runs on the calling thread.
    public func copy(
        into table: String, columns: [String], rows: some Sequence<[any PostgresEncodable]>
    ) throws(AthanorError) -> Int {
        try runCopy(into: table, columns: columns, rows: rows)
    }

    func runCopy(
        into table: String, columns: [String], rows: some Sequence<[any PostgresEncodable]>
    ) throws(AthanorError) -> Int {
        guard !columns.isEmpty else { throw .misuse("COPY needs at least one column") }
        return try inCall { () throws(AthanorError) -> Int in
            let list = columns.map(SQLIdentifier.quoted).joined(separator: ", ")
            let described = try run("SELECT \(list) FROM \(SQLIdentifier.quoted(table)) LIMIT 0", Bindings([]))
            let types = (0..<columns.count).map { described.results.result.columnType($0) }
            let userArrayElements = try userArrayElementTypes(of: types)
            roundTrips += 1
            try send { $0.sendQuery("COPY \(SQLIdentifier.quoted(table)) (\(list)) FROM STDIN (FORMAT binary)") }
            let started = try receiveAll()
            guard let started, started.status == PGRES_COPY_IN else {
                _ = try check(started, inFlight: false)
                throw .misuse("COPY did not start")
            }
            var writer = CopyWriter(columnTypes: types, userArrayElements: userArrayElements)
            do throws(AthanorError) {
                for row in rows {
                    try writer.append(row)
                    guard writer.bufferedBytes >= Self.copyChunkBytes else { continue }
                    if takeCancelRequest() { throw abortCopy(reason: "canceled") } // 57014: CancellationError
                    try sendCopyData(&writer)
                }
                writer.finish()
                try sendCopyData(&writer)
            } catch {
                if case .encoding = error { _ = abortCopy(reason: "\(error)") }
                throw error
            }
            guard PQputCopyEnd(pg.pointer, nil) == 1 else { throw failure(nil, inFlight: false) }
            try flushOutput()
            return try copyResult()
        }
    }

    /// The element type of each user-defined array column (`mood[]`): one round trip per
    /// user-defined column type, none for built-in types.
    private func userArrayElementTypes(of types: [PostgresType]) throws(AthanorError) -> [PostgresType: PostgresType] {
        var elements: [PostgresType: PostgresType] = [:]
        for type in Set(types) where type.rawValue >= 16384 {
            let rows = try run("SELECT typelem::int8 FROM pg_type WHERE oid = $1::int8::oid", Bindings([Int(type.rawValue)]))
            guard rows.count == 1, let element = UInt32(exactly: try rows[0].decode(Int.self, at: 0)), element != 0 else {
                continue
            }
            elements[type] = PostgresType(rawValue: element)
        }
        return elements
    }

    /// Sends the buffered bytes. On failure (a broken connection) the server's answer is thrown.
    private func sendCopyData(_ writer: inout CopyWriter) throws(AthanorError) {
        let sent = writer.writer.bytes.withUnsafeBytes { buffer in
            PQputCopyData(pg.pointer, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count))
        }
        writer.drain()
        guard sent == 1 else {
            _ = try copyResult()
            throw failure(nil, inFlight: false)
        }
        try flushOutput()
    }

    /// True when a cancel was asked for: the COPY then ends itself with CopyFail (the server
    /// answers 57014) and the CancelRequest is withdrawn. When the canceller already took it up,
    /// the COPY first waits until the server has it (within the cancel timeout), so that it
    /// lands on the COPY and not on a later statement; the server forgets a cancel once the
    /// COPY has failed.
    private func takeCancelRequest() -> Bool {
        let (requested, claimed) = cancelState.withLock { state -> (Bool, Bool) in
            guard state.running != nil, state.reason != nil else { return (false, false) }
            state.withdrawn = true
            return (true, state.claimed)
        }
        if claimed { awaitClaimedCancel() }
        return requested
    }

    /// Ends the COPY with an error message (the server rolls it back) and reads its answer.
    /// Returns the server's answer (57014 `COPY from stdin failed`, or an earlier error).
    private func abortCopy(reason: String) -> AthanorError {
        guard PQputCopyEnd(pg.pointer, reason) == 1 else {
            mustDiscard = true
            return failure(nil, inFlight: false)
        }
        do throws(AthanorError) {
            try flushOutput()
            _ = try copyResult()
            return .misuse("the server accepted a COPY that was ended with an error")
        } catch {
            return error
        }
    }

    /// Reads the results up to the end of the COPY: `COPY n` or the error.
    private func copyResult() throws(AthanorError) -> Int {
        roundTrips += 1
        var first: PGResult?
        while let next = try receive() {
            if next.status == PGRES_COPY_IN || next.status == PGRES_COPY_OUT {
                mustDiscard = true // libpq still expects data: the exchange cannot end cleanly
                break
            }
            first = first ?? next
        }
        guard let first, first.status == PGRES_COMMAND_OK else { throw failure(first, inFlight: true) }
        return first.affectedRows
    }
}

extension Transaction {
    /// Binary `COPY ... FROM STDIN` in this transaction: `Connection.copy(into:columns:rows:)` (async).
    /// A failed COPY leaves the transaction failed: let the error leave the `transaction` body.
    public func copy(
        into table: String, columns: [String], rows: sending some Sequence<[any PostgresEncodable]>
    ) async throws -> Int {
        try await connection.copy(into: table, columns: columns, rows: rows)
    }

    /// Blocking form of ``copy(into:columns:rows:)-(_,_,_)``, on the calling thread.
    public func copy(
        into table: String, columns: [String], rows: some Sequence<[any PostgresEncodable]>
    ) throws(AthanorError) -> Int {
        try connection.copy(into: table, columns: columns, rows: rows)
    }
}

/// A value the caller gave up (`sending`): only the connection's thread uses it from then on,
/// while the caller awaits, so it may cross to that thread although its type is not `Sendable`
/// (a lazily mapped sequence, whose closure is not).
private struct HandedOver<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: sending Value) { self.value = value }
}
