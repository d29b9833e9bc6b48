extension Parser {
    /// `model Name: Base { members }`.
    mutating func parseModel() -> ModelSyntax? {
        let keyword = advance()
        guard let name = expectIdentifier("a model name after 'model'") else {
            skipToNextDeclaration()
            return nil
        }
        var base: Identifier?
        if consume(.colon) != nil {
            base = expectIdentifier("a base after ':' (UUIDBase, UUIDAuditBase, BigIntBase or BigIntAuditBase)")
        }
        var model = ModelSyntax(name: name, base: base, documentation: keyword.documentation, keywordRange: keyword.range)
        parseBlock(of: "model", named: name, keyword: keyword) { parser in
            parser.parseModelMember(into: &model)
        }
        return model
    }

    private mutating func parseModelMember(into model: inout ModelSyntax) {
        if current.kind == .atAt {
            let at = advance()
            if let attribute = parseAttribute(startingAt: at) { model.attributes.append(attribute) }
            expectEndOfLine(after: "the attribute")
        } else if current.isIdentifier("table"), next.kind == .string {
            let keyword = advance()
            let name = advance()
            if let existing = model.table {
                diagnostics.error("model '\(model.name.name)' already has a table name", at: keyword.range.extended(to: name.range),
                                  notes: [.note("first table name here", at: existing.range)])
            } else {
                model.table = TableClauseSyntax(name: name.text, range: name.range)
            }
            expectEndOfLine(after: "the table name")
        } else if current.isIdentifier("table"), next.kind == .identifier, !next.startsLine {
            diagnostics.error("the table name is a string literal: write 'table \"\(next.text)\"'", at: next.range)
            skipRestOfLine()
        } else if current.kind == .identifier, next.kind == .colon {
            if let field = parseField() { model.fields.append(field) }
            expectEndOfLine(after: "the field")
        } else if current.kind == .identifier, next.kind == .identifier, !next.startsLine {
            diagnostics.error("expected ':' between the field name '\(current.text)' and its type", at: current.range.endPoint)
            skipRestOfLine()
        } else {
            diagnostics.error("expected a field ('name: Type'), 'table \"name\"' or an '@@' attribute, found \(current.quoted)",
                              at: current.range)
            skipRestOfLine()
        }
    }

    /// `name: Type`, then any number of `= default` and `@attribute(...)` on the same line.
    private mutating func parseField() -> FieldSyntax? {
        let nameToken = advance()
        advance()  // ':'
        guard let type = parseType() else {
            skipRestOfLine()
            return nil
        }
        var field = FieldSyntax(name: Identifier(name: nameToken.text, range: nameToken.range), type: type,
                                documentation: nameToken.documentation)
        while !current.startsLine {
            if current.kind == .equals {
                let equals = advance()
                guard let value = parseExpression() else { return field }
                if field.defaultValue != nil {
                    diagnostics.error("field '\(field.name.name)' has two default values", at: equals.range)
                }
                field.defaultValue = field.defaultValue ?? value
            } else if current.kind == .at {
                let at = advance()
                guard let attribute = parseAttribute(startingAt: at) else { return field }
                field.attributes.append(attribute)
            } else if current.kind == .atAt {
                diagnostics.error("'@@' attributes belong on their own line in the model; on a field, use '@'",
                                  at: current.range)
                skipRestOfLine()
                return field
            } else {
                break
            }
        }
        return field
    }

    /// `enum Name { a b c }` (cases one per line, or separated by commas).
    mutating func parseEnum() -> EnumSyntax? {
        let keyword = advance()
        guard let name = expectIdentifier("an enum name after 'enum'") else {
            skipToNextDeclaration()
            return nil
        }
        var enumeration = EnumSyntax(name: name, documentation: keyword.documentation, keywordRange: keyword.range)
        parseBlock(of: "enum", named: name, keyword: keyword) { parser in
            parser.parseEnumCase(into: &enumeration)
        }
        return enumeration
    }

    private mutating func parseEnumCase(into enumeration: inout EnumSyntax) {
        guard current.kind == .identifier else {
            diagnostics.error("expected an enum case name, found \(current.quoted)", at: current.range)
            skipRestOfLine()
            return
        }
        let token = advance()
        enumeration.cases.append(EnumCaseSyntax(name: Identifier(name: token.text, range: token.range),
                                                documentation: token.documentation))
        if consume(.comma) != nil { return }
        expectEndOfLine(after: "the enum case")
    }
}
