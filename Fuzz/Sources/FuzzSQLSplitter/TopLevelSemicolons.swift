/// The oracle: the byte offset just after every `;` that PostgreSQL's lexer (src/backend/parser/
/// scan.l, standard_conforming_strings on) reads as a token of its own, found by a different
/// method from the splitter's: a token-by-token scan that knows where identifiers start, so that
///  - `E'...'` (backslash escapes) is an E-string only when the `E` starts a token (`nameE'x\'`
///    is the identifier `nameE` then a standard string);
///  - `$tag$` opens a dollar quote only at the start of a token (`a$b$` is one identifier:
///    identifiers may hold `$` after their first character);
///  - a `--` comment ends at a newline, `\n` or `\r`;
///  - `/* */` comments nest.
enum TopLevelSemicolons {
    static func ends(in bytes: [UInt8]) -> [Int] { scan(bytes).ends }

    /// The ends, and for each byte whether it is code: outside every `--` comment and no space,
    /// tab or line break (a `/* */` comment counts: a migration file keeps it, and the server
    /// reports one left open).
    static func scan(_ bytes: [UInt8]) -> (ends: [Int], code: [Bool]) {
        var ends: [Int] = []
        var code = bytes.map { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        var i = 0
        // The identifier or number being read, from its first byte; nil between tokens.
        var wordStart: Int?
        func at(_ k: Int) -> UInt8? { k < bytes.count ? bytes[k] : nil }
        while i < bytes.count {
            let c = bytes[i]
            if let start = wordStart {
                let identifier = isIdentifierStart(bytes[start])
                if isIdentifierPart(c) || (c == UInt8(ascii: "$") && identifier) {
                    i += 1
                    continue
                }
                // An E-string starts at the E, which is then the whole word so far.
                if c == UInt8(ascii: "'"), i - start == 1, bytes[start] | 0x20 == UInt8(ascii: "e") {
                    i = endOfQuoted(bytes, i + 1, quote: c, backslash: true)
                    wordStart = nil
                    continue
                }
                wordStart = nil
            }
            switch c {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                i = endOfQuoted(bytes, i + 1, quote: c, backslash: false)
            case UInt8(ascii: "-") where at(i + 1) == UInt8(ascii: "-"):
                let start = i
                i += 2
                while let b = at(i), b != 0x0A, b != 0x0D { i += 1 }
                for k in start..<i { code[k] = false }
            case UInt8(ascii: "/") where at(i + 1) == UInt8(ascii: "*"):
                var depth = 1
                i += 2
                while i < bytes.count, depth > 0 {
                    if bytes[i] == UInt8(ascii: "/"), at(i + 1) == UInt8(ascii: "*") { depth += 1; i += 2 }
                    else if bytes[i] == UInt8(ascii: "*"), at(i + 1) == UInt8(ascii: "/") { depth -= 1; i += 2 }
                    else { i += 1 }
                }
            case UInt8(ascii: "$"):
                if let tagEnd = dollarTagEnd(bytes, i) {
                    let tag = bytes[i...tagEnd]
                    var k = tagEnd + 1
                    var closed = false
                    while k + tag.count <= bytes.count {
                        if bytes[k..<(k + tag.count)].elementsEqual(tag) { closed = true; break }
                        k += 1
                    }
                    i = closed ? k + tag.count : bytes.count
                } else if let next = at(i + 1), next >= 0x30, next <= 0x39 {
                    wordStart = i  // a parameter, `$1`: a number-like word
                    i += 1
                } else {
                    i += 1
                }
            case UInt8(ascii: ";"):
                i += 1
                ends.append(i)
            default:
                if isIdentifierPart(c) { wordStart = i }
                i += 1
            }
        }
        return (ends, code)
    }

    /// The index of the closing `$` of a dollar-quote delimiter starting at `i` (`$$`, `$tag$`).
    static func dollarTagEnd(_ bytes: [UInt8], _ i: Int) -> Int? {
        var k = i + 1
        if k < bytes.count, isIdentifierStart(bytes[k]) {
            k += 1
            while k < bytes.count, isIdentifierPart(bytes[k]) { k += 1 }
        }
        return k < bytes.count && bytes[k] == UInt8(ascii: "$") ? k : nil
    }

    static func endOfQuoted(_ bytes: [UInt8], _ start: Int, quote: UInt8, backslash: Bool) -> Int {
        var k = start
        while k < bytes.count {
            let b = bytes[k]
            if backslash && b == UInt8(ascii: "\\") { k += 2; continue }
            if b == quote {
                if k + 1 < bytes.count && bytes[k + 1] == quote { k += 2; continue }
                return k + 1
            }
            k += 1
        }
        return bytes.count
    }

    static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80
    }

    static func isIdentifierPart(_ b: UInt8) -> Bool {
        isIdentifierStart(b) || (b >= 0x30 && b <= 0x39)
    }
}
