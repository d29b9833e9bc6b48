@testable import Athanor
import FoundationEssentials
import FuzzSupport

// Two kinds of input.
//
// Text (any input not starting with 0x01): the bytes, decoded as UTF-8, are a cursor token as a
// URL query hands it over. `PageCursor(token:)` gives a cursor or nil, never a crash or a read
// out of bounds (AddressSanitizer); a cursor's token reads back to the same cursor.
//
// Payload (input `0x01 bytes`): the bytes are the cursor's binary form, encoded as its token
// is (URL-safe base64, no padding). The token reads to a cursor exactly when the bytes are a
// well-formed cursor (a count of 64 or fewer values, each a length then its bytes, or -1 for NULL as on the wire,
// nothing after), and then its token is the same text: one token per cursor.

func fuzzPageCursor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    if input.first == 0x01 {
        let payload = Array(input.dropFirst())
        let token = Data(payload).base64EncodedString()
            .replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
        let cursor = PageCursor(token: token)
        let wellFormed = wellFormedValues(payload)
        if (cursor == nil) != (wellFormed == nil) {
            propertyFailed("a payload is \(wellFormed == nil ? "malformed but read" : "well-formed but refused")", token, input: input)
        }
        if let cursor, let wellFormed {
            if cursor.values != wellFormed { propertyFailed("the payload reads to other values", token, input: input) }
            if cursor.token != token { propertyFailed("the token of a cursor is not the token it came from", "\(token)\n\(cursor.token)", input: input) }
        }
    } else {
        let text = String(decoding: input, as: UTF8.self)
        guard let cursor = PageCursor(token: text) else { return 0 }
        if PageCursor(token: cursor.token) != cursor {
            propertyFailed("a cursor's token does not read back to it", cursor.token, input: input)
        }
    }
    return 0
}

/// The values of a cursor's binary form, read independently; nil when malformed.
func wellFormedValues(_ bytes: [UInt8]) -> [[UInt8]?]? {
    guard bytes.count >= 2 else { return nil }
    let count = Int(bytes[0]) << 8 | Int(bytes[1])
    guard count <= 64 else { return nil }
    var rest = bytes.dropFirst(2)
    var values: [[UInt8]?] = []
    for _ in 0..<count {
        guard rest.count >= 4 else { return nil }
        let length = Int32(bitPattern: rest.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        rest = rest.dropFirst(4)
        if length == -1 { values.append(nil); continue }
        guard length >= 0, rest.count >= Int(length) else { return nil }
        values.append(Array(rest.prefix(Int(length))))
        rest = rest.dropFirst(Int(length))
    }
    return rest.isEmpty ? values : nil
}
