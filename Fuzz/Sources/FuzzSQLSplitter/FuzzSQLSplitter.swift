import AthanorCompiler
import FuzzSupport

// Input: the text of a hand-written migration file (bytes decoded as UTF-8 with replacement, as
// the migrations folder is read). Properties, beyond "no crash, no hang":
//  - the pieces concatenate back to the text, none is empty, and every piece but the last ends
//    with `;`;
//  - the pieces end exactly at the semicolons an independent lexer (`TopLevelSemicolons`,
//    written from PostgreSQL's scan.l rather than from the splitter) finds outside every
//    string, quoted name, dollar-quoted body and comment.

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
    if pieces.dropLast().contains(where: { !$0.hasSuffix(";") }) {
        propertyFailed("a piece other than the last does not end with ';'", "\(pieces)", input: input)
    }
    var ends: [Int] = []
    var offset = 0
    for piece in pieces {
        offset += piece.utf8.count
        if piece.hasSuffix(";") { ends.append(offset) }
    }
    let expected = TopLevelSemicolons.ends(in: Array(text.utf8))
    if ends != expected {
        let missing = expected.filter { !ends.contains($0) }
        let extra = ends.filter { !expected.contains($0) }
        propertyFailed("the pieces end elsewhere than at the top-level semicolons",
                       "pieces: \(pieces)\nsplits at byte offsets \(extra) the lexer puts inside a quote or comment; misses \(missing)",
                       input: input)
    }
    return 0
}
