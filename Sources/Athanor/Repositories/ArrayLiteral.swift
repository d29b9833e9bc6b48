import FoundationEssentials

/// A value that can be an element of a PostgreSQL array literal (`{"a","b\"c"}`).
///
/// Bulk statements carry an array column as one array literal per row, in a `text[]` parameter
/// of `unnest`, and cast it back in SQL (`u.tags::text[]`): `unnest` of a two-dimensional
/// array would flatten it, and the literals keep one prepared statement for every batch size.
public protocol PostgresArrayLiteralElement {
    /// The element's text form, unquoted; nil for NULL.
    var arrayLiteralText: String? { get }
}

/// Builds array literals for generated bulk statements.
@_spi(Generated)
public enum PostgresArrayLiteral {
    /// `{"a","b\"c",NULL}`: every element quoted, `"` and `\` escaped.
    public static func text<Element: PostgresArrayLiteralElement>(_ values: [Element]) -> String {
        var literal = "{"
        for (offset, value) in values.enumerated() {
            if offset > 0 { literal += "," }
            guard let text = value.arrayLiteralText else {
                literal += "NULL"
                continue
            }
            literal += "\""
            for character in text.unicodeScalars {
                if character == "\"" || character == "\\" { literal += "\\" }
                literal.unicodeScalars.append(character)
            }
            literal += "\""
        }
        return literal + "}"
    }

    /// The literal of a schema enum's values (their raw values).
    public static func text<Element: RawRepresentable>(_ values: [Element]) -> String where Element.RawValue == String {
        text(values.map(\.rawValue))
    }
}

extension String: PostgresArrayLiteralElement {
    /// The string itself; the literal quotes and escapes it.
    public var arrayLiteralText: String? { self }
}

extension Int16: PostgresArrayLiteralElement {
    /// The decimal digits.
    public var arrayLiteralText: String? { String(self) }
}

extension Int32: PostgresArrayLiteralElement {
    /// The decimal digits.
    public var arrayLiteralText: String? { String(self) }
}

extension Int64: PostgresArrayLiteralElement {
    /// The decimal digits.
    public var arrayLiteralText: String? { String(self) }
}

extension Bool: PostgresArrayLiteralElement {
    /// `t` or `f`.
    public var arrayLiteralText: String? { self ? "t" : "f" }
}

extension UUID: PostgresArrayLiteralElement {
    /// The 36-character form.
    public var arrayLiteralText: String? { uuidString }
}

extension Double: PostgresArrayLiteralElement {
    /// Shortest round-trip digits; `NaN`, `Infinity`, `-Infinity` as PostgreSQL spells them.
    public var arrayLiteralText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return description
    }
}

extension Float: PostgresArrayLiteralElement {
    /// Shortest round-trip digits; `NaN`, `Infinity`, `-Infinity` as PostgreSQL spells them.
    public var arrayLiteralText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return description
    }
}

extension Decimal: PostgresArrayLiteralElement {
    /// The decimal digits (`description`); `NaN` for NaN.
    public var arrayLiteralText: String? { isNaN ? "NaN" : description }
}

extension Data: PostgresArrayLiteralElement {
    /// bytea's hex form: `\x0aff`.
    public var arrayLiteralText: String? {
        let digits: [Character] = Array("0123456789abcdef")
        var text = "\\x"
        text.reserveCapacity(2 + count * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}

extension JSONB: PostgresArrayLiteralElement {
    /// The JSON text.
    public var arrayLiteralText: String? { text }
}

extension Optional: PostgresArrayLiteralElement where Wrapped: PostgresArrayLiteralElement {
    /// The wrapped value's text; nil (NULL) for `nil`.
    public var arrayLiteralText: String? { flatMap(\.arrayLiteralText) }
}
