/// A ``JSONB`` value encodes with `Codable` as its JSON text (a string), so that generated
/// models holding JSON columns are `Codable`.
extension JSONB: Codable {
    /// Decodes JSON text from a string.
    public init(from decoder: any Decoder) throws {
        self.init(json: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the JSON text as a string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
