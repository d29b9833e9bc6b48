@testable import Athanor

/// The seeds of the cursor target: real tokens, hostile texts, and payloads.
enum PageCursorSeeds {
    static var all: [[UInt8]] {
        let cursors = [
            PageCursor(values: []),
            PageCursor(values: [nil]),
            PageCursor(values: [[0, 0, 0, 42], Array("2026-12-04".utf8), nil]),
            PageCursor(values: [[UInt8](repeating: 0xFF, count: 40)]),
        ]
        let texts = cursors.map(\.token) + [
            "", "=", "====", "AAE", "AAH_____", "AEA", "not a cursor!", "AAF/////", "AAEAAAAE\u{600}", "%41%41",
            "AAF_____" + String(repeating: "A", count: 400), "AAE\u{FEFF}AAAAA", "AA==AA==",
        ]
        let payloads: [[UInt8]] = [
            [0, 1, 0x7F, 0xFF, 0xFF, 0xFF], [0, 1, 0x80, 0, 0, 0], [0, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1, 9],
            [0, 65], [0, 1, 0, 0, 0, 3, 1, 2], [0, 0, 0],
        ]
        return texts.map { Array($0.utf8) } + payloads.map { [0x01] + $0 }
    }
}
