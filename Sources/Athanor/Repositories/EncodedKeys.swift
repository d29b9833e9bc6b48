/// The match keys of one bulk upsert, compared by the bytes the server receives for them, so that
/// two values with the same key are found before any round trip, in O(n) time and 24 bytes per
/// value, with a few allocations for the whole call (not one per value).
///
/// Equal bytes are what the unique index compares: a key is its columns' binary encodings (the
/// ``PostgresEncodable/encode(into:)`` that ``Bindings`` sends), each preceded by its length so
/// that the columns of a composite key cannot run into each other (`("ab", "c")` is not
/// `("a", "bc")`). For text that is exactly right: under a deterministic collation (the only kind
/// Athanor's schema language can give a column: it has no collations and no `citext`) text is
/// equal only when its bytes are, on PostgreSQL and CockroachDB alike. Values with the same
/// bytes are always equal on the server, so a value is never refused wrongly. The server may see
/// more duplicates than the bytes show for types whose equal values have several encodings
/// (`-0.0` and `0.0`, `1.5` and `1.50` as `Decimal`, JSON with other spacing or key order): two
/// such values in one statement still fail on the server (`21000`, nothing written), and in two
/// chunks of one call the later one wins.
///
/// Two passes: ``append(_:positions:)`` encodes and hashes each key as the values are read,
/// keeping only the hash; ``firstDuplicate(sameKey:)`` then puts the hashes in a table in one
/// tight loop, and compares the bytes of two keys (encoded again) only when their hashes agree.
/// For 100,000 keys the table outgrows the caches and each slot read is a cache miss: in a short
/// loop the processor overlaps them, where between two values' encoding it could not (3 to 5
/// times slower). Holding no key bytes keeps the memory small: a copy of the keys, growing as
/// they came, left glibc's allocator holding 2 MB more at the peak of a 100,000-row upsertMany.
struct EncodedKeys {
    /// Each key's hash, by the value's position.
    private var hashes: [Int] = []
    /// The key being hashed (its capacity kept from one key to the next).
    private var scratch = PostgresWriter()

    /// The most keys ``firstDuplicate(sameKey:)`` compares: a slot has 32 bits for a key's index.
    /// A call with more values (over four billion) goes unchecked, and only the server finds a
    /// duplicate in one statement.
    static let capacityLimit = Int(UInt32.max) - 1

    /// No keys yet, room for `capacity`.
    init(capacity: Int) {
        hashes.reserveCapacity(capacity)
    }

    /// The number of keys appended.
    var count: Int { hashes.count }

    /// Appends the key made of `row`'s values at `positions` (none of them NULL). Throws
    /// ``AthanorError/encoding(_:)`` when a value cannot be encoded, as sending it would (and
    /// appends nothing).
    mutating func append(_ row: [any PostgresEncodable], positions: [Int]) throws(AthanorError) {
        try Self.encode(row, positions: positions, into: &scratch)
        hashes.append(scratch.bytes.withUnsafeBytes { key in
            var hasher = Hasher()
            hasher.combine(bytes: key)
            return hasher.finalize()
        })
    }

    /// Writes the key made of `row`'s values at `positions` into `writer`, emptied first: each
    /// value's length, then its encoding.
    static func encode(_ row: [any PostgresEncodable], positions: [Int], into writer: inout PostgresWriter) throws(AthanorError) {
        writer.removeAll(keepingCapacity: true)
        for position in positions {
            let length = writer.reserveLength()
            try row[position].encode(into: &writer)
            writer.patchLength(at: length)
        }
    }

    /// The first key equal to an earlier one, as the positions of both (the earlier the first of
    /// its equals), or nil when all keys differ (or there are more than ``capacityLimit``).
    /// `sameKey(a, b)` compares the bytes of keys `a` and `b`; it is called only when their
    /// hashes agree (for equal keys, and about once in four billion probes otherwise).
    func firstDuplicate(sameKey: (Int, Int) -> Bool) -> (first: Int, second: Int)? {
        guard count > 1, count <= Self.capacityLimit else { return nil }
        var size = 16
        while size < 2 * count { size *= 2 }
        let mask = size - 1
        // A slot: 0 when empty, else the key's index plus one in the low 32 bits and the high 32
        // bits of its hash above them.
        var slots = [UInt64](repeating: 0, count: size)
        for index in 0..<count {
            let hash = hashes[index]
            let tag = UInt64(truncatingIfNeeded: hash) & 0xFFFF_FFFF_0000_0000
            var slot = hash & mask
            while slots[slot] != 0 {
                if slots[slot] & 0xFFFF_FFFF_0000_0000 == tag {
                    let other = Int(slots[slot] & 0xFFFF_FFFF) - 1
                    if sameKey(other, index) { return (other, index) }
                }
                slot = (slot + 1) & mask
            }
            slots[slot] = tag | UInt64(index + 1)
        }
        return nil
    }
}
