/// How Swift and schema names become SQL names: snake_case, and constraint names within
/// PostgreSQL's 63-byte identifier limit. The one rule of the compiler (table, column, type and
/// constraint names in the DDL) and of the runtime (a `Decodable` row's keys).
public enum SQLNaming {
    /// PostgreSQL (and CockroachDB) keep at most this many bytes of an identifier.
    public static let maximumIdentifierLength = 63

    /// `customerID` -> `customer_id`, `AuditEvent` -> `audit_event`, `HTTPServer` -> `http_server`,
    /// `userIDs` -> `user_ids`, `sha256Hash` -> `sha256_hash`: a `_` before an upper-case letter
    /// that follows a lower-case letter or a digit, or that ends a run of capitals and starts a
    /// word; everything lower-cased.
    public static func snakeCase(_ name: String) -> String {
        let scalars = Array(name.unicodeScalars)
        var result = ""
        for (position, scalar) in scalars.enumerated() {
            if scalar.properties.isUppercase, position > 0 {
                let previous = scalars[position - 1]
                let nextIsLower = position + 1 < scalars.count && scalars[position + 1].properties.isLowercase
                    && !isPluralOfAcronym(scalars, at: position + 1)
                let previousIsLowerOrDigit = previous.properties.isLowercase || ("0"..."9").contains(previous)
                if previous != "_", previousIsLowerOrDigit || (previous.properties.isUppercase && nextIsLower) {
                    result.append("_")
                }
            }
            result.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        return result
    }

    /// Whether the `s` at `position` ends an acronym's plural, as in `userIDs`.
    private static func isPluralOfAcronym(_ scalars: [Unicode.Scalar], at position: Int) -> Bool {
        guard scalars[position] == "s", position >= 2, scalars[position - 2].properties.isUppercase else { return false }
        return position + 1 == scalars.count || !scalars[position + 1].properties.isLowercase
    }

    /// `users` + `[email]` + `key` -> `users_email_key`, shortened by ``fitting(_:)`` when too long.
    public static func constraintName(table: String, columns: [String], suffix: String) -> String {
        fitting(([table] + columns + [suffix]).joined(separator: "_"))
    }

    /// `name` itself when it has at most 63 bytes; otherwise its first bytes (cut at a character
    /// boundary) and `_` plus 8 hex digits of a hash of the whole name, 63 bytes at most, so two
    /// long names that share a prefix still differ, and the same name always shortens the same way.
    public static func fitting(_ name: String) -> String {
        let bytes = Array(name.utf8)
        guard bytes.count > maximumIdentifierLength else { return name }
        let suffix = "_" + hexadecimal(fnv1a(bytes))
        var keep = maximumIdentifierLength - suffix.utf8.count
        while keep > 0, bytes[keep] & 0b1100_0000 == 0b1000_0000 { keep -= 1 }
        return String(decoding: bytes[..<keep], as: UTF8.self) + suffix
    }

    /// The 32-bit FNV-1a hash: small, stable across runs and platforms.
    static func fnv1a(_ bytes: [UInt8]) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }

    private static func hexadecimal(_ value: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<8).reversed().map { digits[Int((value >> (UInt32($0) * 4)) & 0xF)] })
    }
}
