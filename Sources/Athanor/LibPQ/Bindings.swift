/// Parameters encoded for libpq: one contiguous buffer, offsets, lengths (−1 for NULL) and OIDs.
struct Bindings {
    var types: [UInt32] = []
    var lengths: [Int32] = []
    var offsets: [Int] = []
    var writer = PostgresWriter()

    init(_ parameters: [any PostgresEncodable]) throws(AthanorError) {
        types.reserveCapacity(parameters.count)
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

    /// The type list as a cache key suffix.
    var typeKey: String { types.map(String.init).joined(separator: ",") }

    /// Calls `body` with C arrays of value pointers, lengths and formats (all binary).
    func withCArrays<T>(
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) throws -> T
    ) rethrows -> T {
        let formats = [Int32](repeating: 1, count: count)
        var storage = writer.bytes
        if storage.isEmpty { storage.append(0) }
        return try storage.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress)
            let pointers: [UnsafePointer<CChar>?] = (0..<count).map { index in
                lengths[index] < 0 ? nil : base.map { ($0 + offsets[index]).assumingMemoryBound(to: CChar.self) }
            }
            return try pointers.withUnsafeBufferPointer { values in
                try lengths.withUnsafeBufferPointer { lengthBuffer in
                    try formats.withUnsafeBufferPointer { formatBuffer in
                        try body(values.baseAddress, lengthBuffer.baseAddress, formatBuffer.baseAddress)
                    }
                }
            }
        }
    }
}
