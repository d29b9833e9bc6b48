/// A recursive-descent parser for one `.schema` file, with error recovery.
///
/// It reports every syntax error it finds and keeps going: a broken line is skipped up to the next
/// line, a broken declaration up to the next `model` or `enum`. Nesting is bounded by the grammar
/// (and array types are read with a loop), so deep input cannot exhaust the stack.
struct Parser {
    var tokens: [Token]
    var index = 0
    var diagnostics = DiagnosticCollector()
    let file: Int

    init(tokens: [Token], file: Int) {
        self.tokens = tokens.isEmpty
            ? [Token(kind: .endOfFile, range: SourceRange(file: file, start: 0, end: 0), text: "", startsLine: true)]
            : tokens
        self.file = file
    }

    /// Lexes and parses `text`, returning the tree and every diagnostic of both steps.
    static func parse(_ text: String, file: Int) -> (syntax: SchemaFileSyntax, diagnostics: [Diagnostic]) {
        let (tokens, lexerDiagnostics) = Lexer.tokenize(text, file: file)
        var parser = Parser(tokens: tokens, file: file)
        let syntax = parser.parseFile()
        return (syntax, lexerDiagnostics + parser.diagnostics.diagnostics)
    }

    // MARK: Navigation

    var current: Token { tokens[min(index, tokens.count - 1)] }
    var next: Token { tokens[min(index + 1, tokens.count - 1)] }
    var previous: Token { tokens[max(0, min(index - 1, tokens.count - 1))] }
    var isAtEnd: Bool { current.kind == .endOfFile }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    mutating func consume(_ kind: TokenKind) -> Token? {
        guard current.kind == kind else { return nil }
        return advance()
    }

    /// Whether `model Name` or `enum Name` starts at the current token, at the start of a line.
    var isAtDeclarationStart: Bool {
        current.startsLine && (current.isIdentifier("model") || current.isIdentifier("enum"))
            && next.kind == .identifier
    }

    /// Skips to the first token of the next line (or to a `}` that may close the enclosing block).
    mutating func skipRestOfLine() {
        while !isAtEnd {
            advance()
            if current.startsLine || current.kind == .rightBrace { return }
        }
    }

    /// After a member or an enum case: the line must end here.
    mutating func expectEndOfLine(after what: String) {
        guard !current.startsLine, current.kind != .rightBrace, !isAtEnd else { return }
        diagnostics.error("expected a line break after \(what), found \(current.quoted)", at: current.range)
        skipRestOfLine()
    }

    mutating func expectIdentifier(_ what: String) -> Identifier? {
        guard current.kind == .identifier, !current.startsLine else {
            diagnostics.error("expected \(what), found \(current.quoted)", at: current.range)
            return nil
        }
        let token = advance()
        return Identifier(name: token.text, range: token.range)
    }

    // MARK: File

    mutating func parseFile() -> SchemaFileSyntax {
        var syntax = SchemaFileSyntax(file: file)
        while !isAtEnd {
            if current.isIdentifier("model") {
                if let model = parseModel() {
                    syntax.order.append(.model(syntax.models.count))
                    syntax.models.append(model)
                }
            } else if current.isIdentifier("enum") {
                if let enumeration = parseEnum() {
                    syntax.order.append(.enumeration(syntax.enums.count))
                    syntax.enums.append(enumeration)
                }
            } else {
                diagnostics.error("expected 'model' or 'enum', found \(current.quoted)", at: current.range)
                skipToNextDeclaration()
            }
        }
        return syntax
    }

    mutating func skipToNextDeclaration() {
        advance()
        while !isAtEnd, !isAtDeclarationStart { advance() }
    }

    /// Reads the `{ ... }` of a model or an enum, calling `member` for each line inside.
    /// Reports a missing `{` or `}` and recovers from both.
    mutating func parseBlock(of kind: String, named name: Identifier?, keyword: Token, member: (inout Parser) -> Void) {
        let label = name.map { "\(kind) '\($0.name)'" } ?? kind
        if consume(.leftBrace) == nil {
            diagnostics.error("expected '{' after the \(label) header, found \(current.quoted)", at: previous.range.endPoint)
            if !current.startsLine, current.kind != .rightBrace { skipRestOfLine() }
        }
        while true {
            if consume(.rightBrace) != nil { return }
            if isAtEnd || isAtDeclarationStart {
                diagnostics.error("expected '}' to close \(label)", at: previous.range.endPoint,
                                  notes: [.note("\(label) starts here", at: keyword.range)])
                return
            }
            let before = index
            member(&self)
            if index == before { skipRestOfLine() }
        }
    }
}
