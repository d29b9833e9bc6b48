/// Cuts SQL text into statements at each `;` that is outside a string (`'...'`, `E'...'`), a
/// quoted name (`"..."`), a dollar-quoted body (`$$...$$`, `$tag$...$tag$`) and a comment
/// (`--` to the line's end, `\n` or `\r`; nested `/* */`), as PostgreSQL's lexer reads them:
/// `E'` opens an escaped string only where the `E` starts a word (`nameE'C:\'` is the name
/// `nameE` and a plain string), and a `$` inside a name is part of it (`a$b$` opens no dollar
/// quote). Each piece keeps its `;` and the comments before it; a piece after the last `;` that
/// holds only comments and spaces is returned as is (the caller drops it). One pass, no
/// backtracking.
public enum SQLStatementSplitter {
    /// The statements of `text`.
    public static func split(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var pieces: [String] = []
        var start = 0
        var index = 0
        // Where the name, keyword or number being read starts; nil between words.
        var wordStart: Int?
        func byte(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        while index < bytes.count {
            let current = bytes[index]
            if let start = wordStart {
                // A name goes on with letters, digits, `_` and `$` (a number without `$`).
                if isTagByte(current, first: false) || (current == UInt8(ascii: "$") && isTagByte(bytes[start], first: true)) {
                    index += 1
                    continue
                }
                wordStart = nil
                if current == UInt8(ascii: "'"), index - start == 1, bytes[start] | 0x20 == UInt8(ascii: "e") {
                    index = skipQuoted(bytes, from: index + 1, quote: current, backslashEscapes: true)
                    continue
                }
            }
            switch current {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                index = skipQuoted(bytes, from: index + 1, quote: current, backslashEscapes: false)
            case UInt8(ascii: "-") where byte(1) == UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\r") { index += 1 }
            case UInt8(ascii: "/") where byte(1) == UInt8(ascii: "*"):
                index = skipBlockComment(bytes, from: index + 2)
            case UInt8(ascii: "$"):
                index = skipDollarQuoted(bytes, from: index)
            case UInt8(ascii: ";"):
                index += 1
                pieces.append(String(decoding: bytes[start..<index], as: UTF8.self))
                start = index
            default:
                if isTagByte(current, first: false) { wordStart = index }
                index += 1
            }
        }
        if start < bytes.count { pieces.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return pieces
    }

    private static func skipQuoted(_ bytes: [UInt8], from position: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var index = position
        while index < bytes.count {
            if backslashEscapes, bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == quote {
                if index + 1 < bytes.count, bytes[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    private static func skipBlockComment(_ bytes: [UInt8], from position: Int) -> Int {
        var depth = 1
        var index = position
        while index < bytes.count, depth > 0 {
            if bytes[index] == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else if bytes[index] == UInt8(ascii: "*"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                depth -= 1
                index += 2
            } else {
                index += 1
            }
        }
        return index
    }

    /// `$tag$ ... $tag$` (the tag may be empty); a `$` that opens no such quote (`$1`) is skipped alone.
    private static func skipDollarQuoted(_ bytes: [UInt8], from position: Int) -> Int {
        var end = position + 1
        while end < bytes.count, isTagByte(bytes[end], first: end == position + 1) { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "$") else { return position + 1 }
        let tag = Array(bytes[position...end])
        var index = end + 1
        while index + tag.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "$"), Array(bytes[index..<(index + tag.count)]) == tag { return index + tag.count }
            index += 1
        }
        return bytes.count
    }

    private static func isTagByte(_ byte: UInt8, first: Bool) -> Bool {
        let letter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte >= 0x80
        return letter || (!first && byte >= 0x30 && byte <= 0x39)
    }
}
