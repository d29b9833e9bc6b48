/// Splits a schema file into tokens. Never fails: bad bytes become diagnostics and are skipped.
///
/// Comments: `//` to the end of the line is ignored; `///` is a doc comment, attached to the next token.
struct Lexer {
    private let bytes: [UInt8]
    private let file: Int
    private var offset = 0
    private var sawLineBreak = true
    private var pendingDocumentation: [String] = []
    private(set) var diagnostics = DiagnosticCollector()

    init(text: String, file: Int) {
        self.bytes = Array(text.utf8)
        self.file = file
    }

    /// Tokenizes the whole file; the last token is always `.endOfFile`.
    static func tokenize(_ text: String, file: Int) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(text: text, file: file)
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .endOfFile { break }
        }
        return (tokens, lexer.diagnostics.diagnostics)
    }

    private func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(file: file, start: start, end: end)
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let index = offset + ahead
        return index < bytes.count ? bytes[index] : nil
    }

    mutating func next() -> Token {
        while true {
            skipTrivia()
            let start = offset
            guard let byte = peek() else { return makeToken(.endOfFile, start, "") }
            if byte.isIdentifierStart || letterLength(at: offset) > 0 { return lexIdentifier() }
            if byte.isDigit { return lexNumber() }
            if byte == UInt8(ascii: "\"") { return lexString() }
            if let kind = Self.punctuation(byte) {
                if kind == .at, peek(1) == UInt8(ascii: "@") {
                    offset += 2
                    return makeToken(.atAt, start, "@@")
                }
                offset += 1
                return makeToken(kind, start, String(UnicodeScalar(byte)))
            }
            skipStrayCharacters()
        }
    }

    private mutating func makeToken(_ kind: TokenKind, _ start: Int, _ text: String) -> Token {
        let documentation = pendingDocumentation.isEmpty ? nil : pendingDocumentation.joined(separator: "\n")
        let token = Token(kind: kind, range: range(start, offset), text: text,
                          startsLine: sawLineBreak, documentation: documentation)
        pendingDocumentation = []
        sawLineBreak = false
        return token
    }

    private static func punctuation(_ byte: UInt8) -> TokenKind? {
        switch byte {
        case UInt8(ascii: "{"): .leftBrace
        case UInt8(ascii: "}"): .rightBrace
        case UInt8(ascii: "("): .leftParen
        case UInt8(ascii: ")"): .rightParen
        case UInt8(ascii: "["): .leftBracket
        case UInt8(ascii: "]"): .rightBracket
        case UInt8(ascii: ":"): .colon
        case UInt8(ascii: ","): .comma
        case UInt8(ascii: "="): .equals
        case UInt8(ascii: "?"): .question
        case UInt8(ascii: "-"): .minus
        case UInt8(ascii: "@"): .at
        default: nil
        }
    }

    // MARK: Trivia

    private mutating func skipTrivia() {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\n"):
                sawLineBreak = true
                offset += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                offset += 1
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                skipComment()
            default:
                return
            }
        }
    }

    private mutating func skipComment() {
        let isDocumentation = peek(2) == UInt8(ascii: "/") && peek(3) != UInt8(ascii: "/")
        let textStart = offset + (isDocumentation ? 3 : 2)
        while let byte = peek(), byte != UInt8(ascii: "\n") { offset += 1 }
        guard isDocumentation else { return }
        var line = bytes[min(textStart, offset)..<offset]
        if line.first == UInt8(ascii: " ") { line = line.dropFirst() }
        while line.last == UInt8(ascii: "\r") || line.last == UInt8(ascii: " ") { line = line.dropLast() }
        pendingDocumentation.append(String(decoding: line, as: UTF8.self))
    }

    /// Reports one error for a run of characters the language has no use for, and skips them.
    private mutating func skipStrayCharacters() {
        let start = offset
        offset += peek()?.utf8SequenceLength ?? 1
        while offset < bytes.count, let byte = peek(), !byte.isTokenStart, !byte.isWhitespace {
            offset += byte.utf8SequenceLength
        }
        offset = min(offset, bytes.count)
        let text = Self.printable(bytes[start..<offset])
        diagnostics.error("unexpected character\(offset - start == 1 || text.count == 1 ? "" : "s") '\(text)'",
                          at: range(start, offset))
    }

    /// `bytes` as a message can show them: printable characters as they are, control characters
    /// as `\u{0}`, and bytes that are not UTF-8 as `\xFF`.
    static func printable(_ bytes: ArraySlice<UInt8>) -> String {
        var result = ""
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var index = bytes.startIndex
        while true {
            let before = index
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                index += String(scalar).utf8.count
                let isControl = scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                result += isControl ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
            case .error:
                // The decoder consumed one or more bytes; show the first one as hex and resynchronise.
                index = before + 1
                result += "\\x" + String(bytes[before], radix: 16, uppercase: true)
                iterator = bytes[index...].makeIterator()
                decoder = UTF8()
            case .emptyInput:
                return result
            }
        }
    }

    // MARK: Words and numbers

    /// Reads a name. Letters outside ASCII are read as part of it (so `naïve` is one name, not
    /// three pieces) and reported once: names become SQL identifiers and Swift names, so they
    /// are ASCII letters, digits and `_`.
    private mutating func lexIdentifier() -> Token {
        let start = offset
        var isASCII = true
        while let byte = peek() {
            if byte.isIdentifierContinuation {
                offset += 1
            } else if case let length = letterLength(at: offset), length > 0 {
                isASCII = false
                offset += length
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        if !isASCII {
            diagnostics.error("the name '\(text)' has letters outside ASCII; names become SQL identifiers and Swift names: use ASCII letters, digits and '_'",
                              at: range(start, offset))
        }
        return makeToken(.identifier, start, text)
    }

    /// The length in bytes of the non-ASCII letter (a valid UTF-8 sequence of an alphabetic
    /// scalar) at `index`, or 0 when there is none.
    private func letterLength(at index: Int) -> Int {
        guard index < bytes.count, bytes[index] >= 0xC0 else { return 0 }
        let length = bytes[index].utf8SequenceLength
        guard index + length <= bytes.count else { return 0 }
        var decoder = UTF8()
        var iterator = bytes[index..<(index + length)].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator), scalar.properties.isAlphabetic else { return 0 }
        return length
    }

    private mutating func lexNumber() -> Token {
        let start = offset
        var kind = TokenKind.integer
        while let byte = peek(), byte.isDigit || byte == UInt8(ascii: "_") { offset += 1 }
        if peek() == UInt8(ascii: "."), let next = peek(1), next.isDigit {
            kind = .float
            offset += 1
            while let byte = peek(), byte.isDigit { offset += 1 }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let signLength = (peek(1) == UInt8(ascii: "-") || peek(1) == UInt8(ascii: "+")) ? 1 : 0
            if let digit = peek(1 + signLength), digit.isDigit {
                kind = .float
                offset += 1 + signLength
                while let byte = peek(), byte.isDigit { offset += 1 }
            }
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self).replacingUnderscores()
        if let byte = peek(), byte.isIdentifierContinuation {
            let suffixStart = offset
            while let byte = peek(), byte.isIdentifierContinuation { offset += 1 }
            diagnostics.error("invalid character in number; names must start with a letter or '_'",
                              at: range(suffixStart, offset))
        }
        return makeToken(kind, start, text)
    }

    // MARK: Strings

    /// A string literal ends at the next unescaped `"` on the same line.
    private mutating func lexString() -> Token {
        let start = offset
        offset += 1
        var value: [UInt8] = []
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n") else {
                diagnostics.error("unterminated string literal; add '\"' before the end of the line",
                                  at: range(start, offset))
                break
            }
            offset += 1
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                value.append(contentsOf: lexEscape(at: offset - 1))
            } else {
                value.append(byte)
            }
        }
        return makeToken(.string, start, String(decoding: value, as: UTF8.self))
    }

    /// Decodes the escape whose backslash is at `backslash`: `\"`, `\\`, `\n`, `\t`, `\r`, `\u{...}`.
    private mutating func lexEscape(at backslash: Int) -> [UInt8] {
        guard let byte = peek(), byte != UInt8(ascii: "\n") else { return [] }
        offset += 1
        switch byte {
        case UInt8(ascii: "\""): return [byte]
        case UInt8(ascii: "\\"): return [byte]
        case UInt8(ascii: "n"): return [UInt8(ascii: "\n")]
        case UInt8(ascii: "t"): return [UInt8(ascii: "\t")]
        case UInt8(ascii: "r"): return [UInt8(ascii: "\r")]
        case UInt8(ascii: "u"): return lexUnicodeEscape(at: backslash)
        default:
            offset += byte.utf8SequenceLength - 1
            offset = min(offset, bytes.count)
            diagnostics.error("invalid escape sequence in string literal; use \\\", \\\\, \\n, \\t, \\r or \\u{...}",
                              at: range(backslash, offset))
            return []
        }
    }

    private mutating func lexUnicodeEscape(at backslash: Int) -> [UInt8] {
        guard peek() == UInt8(ascii: "{") else {
            diagnostics.error("expected '{' after \\u", at: range(backslash, offset))
            return []
        }
        offset += 1
        var scalarValue: UInt32 = 0
        var digits = 0
        while let byte = peek(), let digit = byte.hexDigitValue, digits < 8 {
            scalarValue = scalarValue &* 16 &+ UInt32(digit)
            digits += 1
            offset += 1
        }
        guard peek() == UInt8(ascii: "}"), digits > 0, scalarValue != 0, let scalar = Unicode.Scalar(scalarValue) else {
            diagnostics.error("invalid unicode escape; write \\u{1F600} with 1 to 8 hex digits",
                              at: range(backslash, offset))
            return []
        }
        offset += 1
        return Array(String(Character(scalar)).utf8)
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(self.unicodeScalars.filter { $0 != "_" }.map(Character.init))
    }
}

extension UInt8 {
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isLetter: Bool {
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
    }
    var isIdentifierStart: Bool { isLetter || self == UInt8(ascii: "_") }
    var isIdentifierContinuation: Bool { isIdentifierStart || isDigit }
    var isWhitespace: Bool {
        self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") || self == UInt8(ascii: "\n") || self == UInt8(ascii: "\r")
    }
    /// Whether a token (or a comment) can start with this byte.
    var isTokenStart: Bool {
        isIdentifierStart || isDigit || self == UInt8(ascii: "\"") || self == UInt8(ascii: "/")
            || "{}()[]:,=?-@".utf8.contains(self)
    }
    /// How many bytes the UTF-8 sequence led by this byte has (1 for a stray continuation byte).
    var utf8SequenceLength: Int {
        switch self {
        case 0xF0...0xF7: 4
        case 0xE0...0xEF: 3
        case 0xC0...0xDF: 2
        default: 1
        }
    }
    var hexDigitValue: Int? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(self - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(self - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(self - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
