/// Cuts the client's byte stream into frontend messages, across reads, and remembers each
/// prepared statement's SQL so that a Bind can be matched by the statement it runs.
///
/// Only the messages a pattern may look at keep their body (Query, Parse, Bind, Close); the
/// others are skipped as they stream by, so a large COPY costs no memory. A stream that does not
/// look like the protocol (TLS after an accepted SSLRequest) is left alone: no messages.
struct FrontendFramer {
    private enum Phase {
        case startup
        case typed
        case opaque
    }

    private static let keptTypes: Set<UInt8> = [UInt8(ascii: "Q"), UInt8(ascii: "P"), UInt8(ascii: "B"), UInt8(ascii: "C")]
    /// Prepared statements remembered per connection before the map is cleared (a bound).
    private static let statementLimit = 4096
    /// The largest message body kept (a larger one is skipped).
    private static let bodyLimit = 16 << 20

    private var phase = Phase.startup
    private var pending: [UInt8] = []
    private var skipping = 0
    private var statements: [String: String] = [:]

    /// The messages completed by `chunk`.
    mutating func feed(_ chunk: [UInt8]) -> [FrontendMessage] {
        guard phase != .opaque else { return [] }
        var messages: [FrontendMessage] = []
        var input = chunk[...]
        if skipping > 0 {
            let skipped = min(skipping, input.count)
            skipping -= skipped
            input = input.dropFirst(skipped)
        }
        pending.append(contentsOf: input)
        var offset = 0
        while let message = next(from: &offset) {
            messages.append(message)
        }
        pending.removeFirst(min(offset, pending.count))
        return messages
    }

    /// The next complete message at `offset` (advancing it past it), nil when more bytes are
    /// needed. A skipped message is returned as soon as its header is in, with no SQL.
    private mutating func next(from offset: inout Int) -> FrontendMessage? {
        let available = pending.count - offset
        switch phase {
        case .opaque:
            return nil
        case .startup:
            guard available >= 8 else {
                if available > 0 && pending[offset] != 0 { phase = .opaque }
                return nil
            }
            let length = Int(readInt32(at: offset))
            guard pending[offset] == 0, length >= 8, length <= 10_000 else { phase = .opaque; return nil }
            guard available >= length else { return nil }
            let code = readInt32(at: offset + 4)
            offset += length
            // SSLRequest, GSSENCRequest and CancelRequest leave the stream in its startup phase.
            if ![80_877_103, 80_877_104, 80_877_102].contains(code) { phase = .typed }
            return FrontendMessage(type: 0, sql: "")
        case .typed:
            guard available >= 5 else { return nil }
            let type = pending[offset]
            let length = Int(readInt32(at: offset + 1))
            guard length >= 4 else { phase = .opaque; return nil }
            let bodyLength = length - 4
            if !Self.keptTypes.contains(type) || bodyLength > Self.bodyLimit {
                let inBuffer = min(bodyLength, available - 5)
                offset += 5 + inBuffer
                skipping = bodyLength - inBuffer
                return FrontendMessage(type: type, sql: "")
            }
            guard available >= 5 + bodyLength else { return nil }
            let body = pending[(offset + 5)..<(offset + 5 + bodyLength)]
            offset += 5 + bodyLength
            return FrontendMessage(type: type, sql: interpret(type, body))
        }
    }

    /// The SQL of a Query, Parse or Bind; a Close of a statement forgets it.
    private mutating func interpret(_ type: UInt8, _ body: ArraySlice<UInt8>) -> String {
        var fields = body.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).makeIterator()
        switch type {
        case UInt8(ascii: "Q"):
            return String(decoding: fields.next() ?? [], as: UTF8.self)
        case UInt8(ascii: "P"):
            let name = String(decoding: fields.next() ?? [], as: UTF8.self)
            let sql = String(decoding: fields.next() ?? [], as: UTF8.self)
            if statements.count >= Self.statementLimit { statements.removeAll() }
            statements[name] = sql
            return sql
        case UInt8(ascii: "B"):
            _ = fields.next()  // the portal
            let statement = String(decoding: fields.next() ?? [], as: UTF8.self)
            return statements[statement] ?? ""
        default:
            if body.first == UInt8(ascii: "S") {
                statements[String(decoding: body.dropFirst().prefix { $0 != 0 }, as: UTF8.self)] = nil
            }
            return ""
        }
    }

    private func readInt32(at offset: Int) -> Int32 {
        Int32(bitPattern: UInt32(pending[offset]) << 24 | UInt32(pending[offset + 1]) << 16
            | UInt32(pending[offset + 2]) << 8 | UInt32(pending[offset + 3]))
    }
}
