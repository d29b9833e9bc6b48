/// Parameters encoded for libpq: one contiguous buffer, offsets, lengths (−1 for NULL) and OIDs.
struct Bindings {
    var types: [UInt32] = []
    var lengths: [Int32] = []
    var offsets: [Int] = []
    var writer = PostgresWriter()

    /// No parameters.
    init() {}

    init(_ parameters: [any PostgresEncodable]) throws(AthanorError) {
        // One allocation per array instead of a few as they grow (W1's 7 parameters grew each twice).
        types.reserveCapacity(parameters.count)
        lengths.reserveCapacity(parameters.count)
        offsets.reserveCapacity(parameters.count)
        writer.reserveCapacity(parameters.count * 16)
        for parameter in parameters { try append(parameter) }
    }

    mutating func append(_ value: some PostgresEncodable) throws(AthanorError) {
        types.append(type(of: value).postgresType.rawValue)
        offsets.append(writer.bytes.count)
        if value.isNull {
            lengths.append(-1)
            return
        }
        try value.encode(into: &writer)
        let length = writer.bytes.count - offsets[offsets.count - 1]
        guard length <= Int32.max else {
            throw .encoding(EncodingFailure(swiftType: "\(type(of: value))", reason: "larger than 2 GiB"))
        }
        lengths.append(Int32(length))
    }

    var count: Int { types.count }

    /// Calls `body` with C arrays of value pointers, lengths and formats (all binary). The
    /// pointer and format arrays live on the stack for the call (no allocation per statement).
    func withCArrays<T>(
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) throws -> T
    ) rethrows -> T {
        var storage = writer.bytes
        if storage.isEmpty { storage.append(0) }
        let count = self.count
        return try storage.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress)
            return try withUnsafeTemporaryAllocation(of: UnsafePointer<CChar>?.self, capacity: max(count, 1)) { values in
                for index in 0..<count {
                    values[index] = lengths[index] < 0 ? nil : base.map { ($0 + offsets[index]).assumingMemoryBound(to: CChar.self) }
                }
                return try withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(count, 1)) { formats in
                    formats.initialize(repeating: 1)
                    return try lengths.withUnsafeBufferPointer { lengthBuffer in
                        try body(UnsafePointer(values.baseAddress), lengthBuffer.baseAddress, UnsafePointer(formats.baseAddress))
                    }
                }
            }
        }
    }
}
