import AthanorCompiler
import FuzzSupport

// Input: the text of a hand-written migration file (bytes decoded as UTF-8 with replacement, as
// the migrations folder is read). Properties, beyond "no crash, no hang":
//  - the pieces concatenate back to the text, none is empty, and every piece but the last ends
//    with `;`;
//  - the pieces end exactly at the semicolons an independent lexer (`TopLevelSemicolons`,
//    written from PostgreSQL's scan.l rather than from the splitter) finds outside every
//    string, quoted name, dollar-quoted body and comment;
//  - `MigrationScript(parsing:)` keeps one statement per piece that holds code (anything but
//    `--` comments and spaces), and drops only those comment lines and spaces from it: each statement is
//    its piece without leading comment lines, whatever the line breaks (`\n`, `\r\n`, `\r`).

func fuzzSQLSplitter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    let text = String(decoding: input, as: UTF8.self)
    let pieces = SQLStatementSplitter.split(text)
    if pieces.joined() != text {
        propertyFailed("the pieces do not concatenate to the text", "\(pieces)", input: input)
        return 0
    }
    if pieces.contains(where: \.isEmpty) {
        propertyFailed("an empty piece", "\(pieces)", input: input)
    }
    // By byte: a prepended character (U+06DD) makes one Character with the `;` after it.
    if pieces.dropLast().contains(where: { $0.utf8.last != UInt8(ascii: ";") }) {
        propertyFailed("a piece other than the last does not end with ';'", "\(pieces)", input: input)
    }
    // Where the pieces but the last end; the last ends with the text, at a `;` or not (a
    // text may end with a `;` inside an unterminated quote).
    var ends: [Int] = []
    var offset = 0
    for piece in pieces.dropLast() {
        offset += piece.utf8.count
        ends.append(offset)
    }
    var (expected, code) = TopLevelSemicolons.scan(Array(text.utf8))
    if expected.last == text.utf8.count { expected.removeLast() }
    if ends != expected {
        let missing = expected.filter { !ends.contains($0) }
        let extra = ends.filter { !expected.contains($0) }
        propertyFailed("the pieces end elsewhere than at the top-level semicolons",
                       "pieces: \(pieces)\nsplits at byte offsets \(extra) the lexer puts inside a quote or comment; misses \(missing)",
                       input: input)
        return 0
    }
    checkScript(text, pieces: pieces, code: code, input: input)
    return 0
}

func checkScript(_ text: String, pieces: [String], code: [Bool], input: [UInt8]) {
    var start = 0
    var withCode: [(piece: String, start: Int)] = []
    for piece in pieces {
        let count = piece.utf8.count
        if code[start..<(start + count)].contains(true) { withCode.append((piece, start)) }
        start += count
    }
    let statements = MigrationScript(parsing: text).statements
    guard statements.count == withCode.count else {
        propertyFailed("the script has \(statements.count) statements for \(withCode.count) pieces with code",
                       "pieces: \(pieces)\nstatements: \(statements.map(\.sql))", input: input)
        return
    }
    for (statement, (piece, pieceStart)) in zip(statements, withCode) {
        // The piece without its trailing spaces ends with the statement, and what was dropped
        // before it holds no code.
        var trimmed = Array(piece.utf8)
        while let last = trimmed.last, [0x20, 0x09, 0x0A, 0x0D].contains(last) { trimmed.removeLast() }
        let sql = Array(statement.sql.utf8)
        guard trimmed.count >= sql.count, trimmed.suffix(sql.count).elementsEqual(sql),
              !code[pieceStart..<(pieceStart + trimmed.count - sql.count)].contains(true)
        else {
            propertyFailed("a statement is not its piece without leading comments", "piece: \(piece.debugDescription)\nstatement: \(statement.sql.debugDescription)", input: input)
            return
        }
    }
}
