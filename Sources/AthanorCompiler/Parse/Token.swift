/// The kinds of token the lexer produces.
enum TokenKind: Sendable, Hashable {
    case identifier
    case integer
    case float
    case string
    case leftBrace, rightBrace
    case leftParen, rightParen
    case leftBracket, rightBracket
    case colon, comma, equals, question, minus
    /// `@`
    case at
    /// `@@`
    case atAt
    case endOfFile
}

/// One token, with its place and what came before it on the way.
struct Token: Sendable, Hashable {
    var kind: TokenKind
    var range: SourceRange
    /// The identifier or number as written, or the decoded value of a string literal.
    var text: String
    /// Whether a line break separates this token from the one before (or it is the first token).
    var startsLine: Bool
    /// The `///` lines right before this token, joined with `\n`, without the slashes.
    var documentation: String?

    func isIdentifier(_ name: String) -> Bool { kind == .identifier && text == name }

    /// How the token reads in a message: `'{'`, `'name'`, `end of file`.
    var quoted: String {
        switch kind {
        case .endOfFile: "end of file"
        case .string: "string literal"
        default: "'\(text)'"
        }
    }
}
