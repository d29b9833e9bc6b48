/// A growing buffer of big-endian binary values: what encoders write into.
public struct PostgresWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty buffer.
    public init() {}

    /// Appends raw bytes.
    public mutating func write(_ data: some Sequence<UInt8>) { bytes.append(contentsOf: data) }
    /// Appends one byte.
    public mutating func write(byte: UInt8) { bytes.append(byte) }
    /// Appends a big-endian integer.
    public mutating func write<T: FixedWidthInteger>(integer value: T) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
    /// Reserves room for an Int32 length and returns its position, for `patchLength`.
    mutating func reserveLength() -> Int {
        let position = bytes.count
        write(integer: Int32(0))
        return position
    }
    /// Writes the number of bytes after `position + 4` as an Int32 at `position`.
    mutating func patchLength(at position: Int) {
        let length = Int32(truncatingIfNeeded: bytes.count - position - 4).bigEndian
        withUnsafeBytes(of: length) { raw in
            for offset in 0..<4 { bytes[position + offset] = raw[offset] }
        }
    }
    /// Makes room for at least `capacity` bytes in all (fewer reallocations while writing).
    mutating func reserveCapacity(_ capacity: Int) { bytes.reserveCapacity(capacity) }
    mutating func removeAll(keepingCapacity: Bool) { bytes.removeAll(keepingCapacity: keepingCapacity) }
    /// Drops the bytes from `count` on (COPY rewrites a value into its column's format).
    mutating func truncate(to count: Int) { bytes.removeSubrange(count...) }
    /// Overwrites the bytes at `position` with a big-endian integer (COPY patches array headers).
    mutating func overwrite<T: FixedWidthInteger>(integer value: T, at position: Int) {
        withUnsafeBytes(of: value.bigEndian) { raw in
            for offset in 0..<raw.count { bytes[position + offset] = raw[offset] }
        }
    }
}

/// Reads big-endian values from a result value, with bounds checks.
public struct PostgresReader {
    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline var offset = 0

    /// A reader over one value's bytes.
    public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Bytes not yet read.
    @inlinable
    public var remaining: Int { bytes.count - offset }

    /// Reads a big-endian integer.
    @inlinable
    public mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws(CodecError) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw CodecError("value too short") }
        var value = T.zero
        for index in 0..<size { value = value << 8 | T(truncatingIfNeeded: bytes[offset + index]) }
        offset += size
        return value
    }

    /// Reads `count` raw bytes.
    @inlinable
    public mutating func read(count: Int) throws(CodecError) -> UnsafeRawBufferPointer {
        guard count >= 0, remaining >= count else { throw CodecError("value too short") }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }
}
