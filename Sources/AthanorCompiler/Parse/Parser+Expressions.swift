extension Parser {
    /// `Name`, `Name?`, `[Name]`, `[Name]?`; nested brackets are read with a loop, not recursion.
    mutating func parseType() -> TypeSyntax? {
        let start = current.range
        var depth = 0
        while current.kind == .leftBracket, !current.startsLine {
            advance()
            depth += 1
        }
        guard current.kind == .identifier, !current.startsLine else {
            diagnostics.error("expected a type, found \(current.quoted)", at: current.startsLine ? previous.range.endPoint : current.range)
            return nil
        }
        let nameToken = advance()
        if depth > 0, current.kind == .question {
            diagnostics.error("array elements cannot be optional; make the whole array optional with '[T]?'",
                              at: current.range)
            advance()
        }
        for _ in 0..<depth {
            guard consume(.rightBracket) != nil else {
                diagnostics.error("expected ']' to close the array type, found \(current.quoted)", at: previous.range.endPoint)
                break
            }
        }
        let isOptional = !current.startsLine && consume(.question) != nil
        return TypeSyntax(name: Identifier(name: nameToken.text, range: nameToken.range), arrayDepth: depth,
                          isOptional: isOptional, range: start.extended(to: previous.range))
    }

    /// A literal (`12`, `-1.5`, `"text"`, `[]`) or a bare name (`now`, `true`, `pending`, `User`).
    mutating func parseExpression() -> ExpressionSyntax? {
        let token = current
        guard !token.startsLine else {
            diagnostics.error("expected a value, found the end of the line", at: previous.range.endPoint)
            return nil
        }
        switch token.kind {
        case .identifier:
            advance()
            return ExpressionSyntax(kind: .identifier(token.text), range: token.range)
        case .string:
            advance()
            return ExpressionSyntax(kind: .string(token.text), range: token.range)
        case .integer:
            advance()
            return ExpressionSyntax(kind: .integer(token.text), range: token.range)
        case .float:
            advance()
            return ExpressionSyntax(kind: .float(token.text), range: token.range)
        case .minus:
            return parseNegativeNumber()
        case .leftBracket:
            return parseArrayLiteral()
        default:
            diagnostics.error("expected a value, found \(token.quoted)", at: token.range)
            return nil
        }
    }

    private mutating func parseNegativeNumber() -> ExpressionSyntax? {
        let minus = advance()
        let number = current
        guard number.kind == .integer || number.kind == .float, !number.startsLine else {
            diagnostics.error("expected a number after '-', found \(number.quoted)", at: number.range)
            return nil
        }
        advance()
        let text = "-" + number.text
        let range = minus.range.extended(to: number.range)
        return ExpressionSyntax(kind: number.kind == .integer ? .integer(text) : .float(text), range: range)
    }

    private mutating func parseArrayLiteral() -> ExpressionSyntax? {
        let open = advance()
        if let close = consume(.rightBracket) {
            return ExpressionSyntax(kind: .emptyArray, range: open.range.extended(to: close.range))
        }
        diagnostics.error("only the empty array '[]' can be a default value", at: current.range)
        while !isAtEnd, !current.startsLine, current.kind != .rightBracket { advance() }
        _ = consume(.rightBracket)
        return nil
    }

    /// The rest of `@name(arguments)` or `@@name(arguments)`, after the `@` or `@@`.
    mutating func parseAttribute(startingAt at: Token) -> AttributeSyntax? {
        guard current.kind == .identifier, !current.startsLine else {
            diagnostics.error("expected an attribute name after '\(at.text)', found \(current.quoted)", at: current.range)
            return nil
        }
        let nameToken = advance()
        var arguments: [ArgumentSyntax] = []
        if current.kind == .leftParen, !current.startsLine {
            advance()
            arguments = parseArguments()
        }
        return AttributeSyntax(name: Identifier(name: nameToken.text, range: nameToken.range),
                               arguments: arguments, range: at.range.extended(to: previous.range))
    }

    /// `a, b, label: value)`; the `(` is already read.
    private mutating func parseArguments() -> [ArgumentSyntax] {
        var arguments: [ArgumentSyntax] = []
        if consume(.rightParen) != nil { return arguments }
        while true {
            var label: Identifier?
            if current.kind == .identifier, next.kind == .colon, !current.startsLine {
                let token = advance()
                advance()
                label = Identifier(name: token.text, range: token.range)
            }
            guard let value = parseExpression() else {
                skipToClosingParenthesis()
                return arguments
            }
            arguments.append(ArgumentSyntax(label: label, value: value))
            if consume(.comma) != nil, !current.startsLine { continue }
            if consume(.rightParen) != nil { return arguments }
            diagnostics.error("expected ',' or ')' in the argument list, found \(current.quoted)",
                              at: current.startsLine ? previous.range.endPoint : current.range)
            skipToClosingParenthesis()
            return arguments
        }
    }

    private mutating func skipToClosingParenthesis() {
        while !isAtEnd, !current.startsLine, current.kind != .rightParen { advance() }
        _ = current.startsLine ? nil : consume(.rightParen)
    }
}
