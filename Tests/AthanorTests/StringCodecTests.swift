import Athanor
import Testing

/// Text decoding without a server: valid UTF-8 comes back as is, invalid UTF-8 is an error
/// (never repaired into U+FFFD), jsonb loses its version byte.
struct StringCodecTests {
    func decode(_ bytes: [UInt8], _ type: PostgresType = .text) throws -> String {
        try bytes.withUnsafeBytes { try String(postgresBytes: $0, type: type) }
    }

    @Test func validTextDecodes() throws {
        #expect(try decode([]) == "")
        #expect(try decode(Array("plain ascii".utf8)) == "plain ascii")
        #expect(try decode(Array("Grüße, 東京 🚀, a longer string than fifteen bytes".utf8)) == "Grüße, 東京 🚀, a longer string than fifteen bytes")
        #expect(try decode([1] + Array("{\"a\": 1}".utf8), .jsonb) == "{\"a\": 1}")
    }

    @Test func invalidUTF8IsAnError() {
        for bytes: [UInt8] in [[0xff], [0x61, 0xc3], [0xc3, 0x28], [0xed, 0xa0, 0x80], Array("abc".utf8) + [0xfe] + Array("def".utf8)] {
            #expect(throws: CodecError("invalid UTF-8")) { try decode(bytes) }
        }
        #expect(throws: CodecError("unknown jsonb version")) { try decode([2, 0x7b, 0x7d], .jsonb) }
    }
}
