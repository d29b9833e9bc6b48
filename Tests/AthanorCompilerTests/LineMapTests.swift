import AthanorCompiler
import Testing

@Suite struct LineMapTests {
    @Test func linesAndColumnsAreOneBased() {
        let map = LineMap(text: "ab\ncd\n")
        #expect(map.position(of: 0) == SourcePosition(line: 1, column: 1))
        #expect(map.position(of: 2) == SourcePosition(line: 1, column: 3))
        #expect(map.position(of: 3) == SourcePosition(line: 2, column: 1))
        #expect(map.position(of: 6) == SourcePosition(line: 3, column: 1))
    }

    @Test func columnsCountUTF8Bytes() {
        // "é" takes 2 bytes and "😀" 4, as swiftc and clang count columns.
        let text = "é😀x"
        #expect(LineMap(text: text).position(of: 6) == SourcePosition(line: 1, column: 7))
    }

    @Test func offsetsOutsideTheFileAreClamped() {
        let map = LineMap(text: "ab")
        #expect(map.position(of: 99) == SourcePosition(line: 1, column: 3))
        #expect(map.position(of: -5) == SourcePosition(line: 1, column: 1))
    }

    @Test func formatterPrintsPathLineColumn() {
        let source = SourceFile(path: "dir/a.schema", text: "model ☕ x")
        let result = Compiler.compile(sources: [source])
        let text = DiagnosticFormatter(sources: [source]).format(result.diagnostics)
        #expect(text.hasPrefix("dir/a.schema:1:7: error: unexpected character '☕'\n"))
    }
}

@Test func windowsLineEndingsCountAsOneLineBreak() {
    let source = SourceFile(path: "crlf.schema", text: "model A: UUIDBase {\r\n    x: Strng\r\n}\r\n")
    let result = Compiler.compile(sources: [source])
    #expect(DiagnosticFormatter(sources: [source]).format(result.diagnostics)
        == "crlf.schema:2:8: error: unknown type 'Strng'; did you mean 'String'?\n")
}
