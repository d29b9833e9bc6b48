@testable import AthanorCompiler
import Testing

@Suite struct LexerTests {
    private func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(text, file: 0).tokens.map(\.kind)
    }

    @Test func punctuationAndWords() {
        #expect(kinds("model A: B { x: [Int64]? = -1 @unique @@index(a, hashSharded: true) }") == [
            .identifier, .identifier, .colon, .identifier, .leftBrace,
            .identifier, .colon, .leftBracket, .identifier, .rightBracket, .question, .equals, .minus, .integer,
            .at, .identifier, .atAt, .identifier, .leftParen, .identifier, .comma, .identifier, .colon, .identifier,
            .rightParen, .rightBrace, .endOfFile,
        ])
    }

    @Test func numbers() {
        let tokens = Lexer.tokenize("12 1.5 1_000 2e10 3.0E-2", file: 0).tokens
        #expect(tokens.map(\.kind) == [.integer, .float, .integer, .float, .float, .endOfFile])
        #expect(tokens[2].text == "1000")
    }

    @Test func documentationCommentsAttachToTheNextToken() {
        let tokens = Lexer.tokenize("/// First line.\n///   Second.\n// ignored\nmodel\n//// not a doc\nx", file: 0).tokens
        #expect(tokens[0].documentation == "First line.\n  Second.")
        #expect(tokens[1].documentation == nil)
    }

    @Test func stringEscapes() {
        let (tokens, diagnostics) = Lexer.tokenize(#""a\"b\\c\n\u{1F600}""#, file: 0)
        #expect(diagnostics.isEmpty)
        #expect(tokens[0].text == "a\"b\\c\n😀")
    }

    @Test func invalidEscapeIsReportedAtTheBackslash() {
        let (_, diagnostics) = Lexer.tokenize(#"x "ab\qc""#, file: 0)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.range == SourceRange(file: 0, start: 5, end: 7))
        #expect(diagnostics.first?.message.contains("invalid escape") == true)
    }

    @Test func nulIsRejected() {
        let (_, diagnostics) = Lexer.tokenize(#""\u{0}""#, file: 0)
        #expect(diagnostics.count == 1)
    }

    @Test func unterminatedStringStopsAtTheEndOfTheLine() {
        let (tokens, diagnostics) = Lexer.tokenize("\"abc\nnext", file: 0)
        #expect(diagnostics.map(\.message) == ["unterminated string literal; add '\"' before the end of the line"])
        #expect(diagnostics.first?.range.map { $0.start } == 0)
        #expect(tokens.map(\.kind) == [.string, .identifier, .endOfFile])
        #expect(tokens[1].startsLine)
    }

    @Test func strayCharactersAreOneErrorPerRun() {
        let (tokens, diagnostics) = Lexer.tokenize("a §§ b # c ~", file: 0)
        #expect(diagnostics.map(\.message) == ["unexpected characters '§§'", "unexpected character '#'", "unexpected character '~'"])
        #expect(tokens.map(\.text) == ["a", "b", "c", ""])
    }

    @Test func namesWithLettersOutsideASCIIAreOneTokenAndOneError() {
        let (tokens, diagnostics) = Lexer.tokenize("model Café: UUIDBase", file: 0)
        #expect(tokens.map(\.text) == ["model", "Café", ":", "UUIDBase", ""])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.hasPrefix("the name 'Café' has letters outside ASCII") == true)
        // "model " is 6 bytes; "Café" spans 5 bytes (é is 2).
        #expect(diagnostics.first?.range.map { ($0.start, $0.end) } ?? (0, 0) == (6, 11))
    }

    @Test func controlAndInvalidBytesAreShownEscaped() {
        #expect(Lexer.printable(ArraySlice([0x00, 0x41, 0xFF, 0xC3, 0xA9])) == "\\u{0}A\\xFFé")
    }

    @Test func aLoneSlashIsStrayNotALoop() {
        let (tokens, diagnostics) = Lexer.tokenize("a / b /", file: 0)
        #expect(diagnostics.count == 2)
        #expect(tokens.count == 3)
    }

    @Test func multiByteCharactersShiftByteColumns() {
        // "é" is 2 bytes and "😀" 4: the stray '#' is at byte offset 11, so column 12 (not 9 in characters).
        let text = "x \"é😀\" #"
        let (_, diagnostics) = Lexer.tokenize(text, file: 0)
        let position = diagnostics.first?.range.map { LineMap(text: text).position(of: $0.start) }
        #expect(position == SourcePosition(line: 1, column: 12))
    }

    @Test func numberFollowedByLettersIsAnError() {
        let (_, diagnostics) = Lexer.tokenize("12abc", file: 0)
        #expect(diagnostics.first?.message.contains("invalid character in number") == true)
    }
}
