/// A line-based unified diff, for `athanor ddl --check` and the golden tests.
public enum TextDiff {
    private enum Operation: Equatable {
        case same(Int, Int)
        case removed(Int)
        case added(Int)

        var isChange: Bool { if case .same = self { false } else { true } }
    }

    /// The unified diff (`---`, `+++`, `@@` hunks with `context` lines around changes) that turns
    /// `old` into `new`, or `nil` when they are equal.
    public static func unified(from old: String, to new: String, oldName: String = "expected",
                               newName: String = "actual", context: Int = 3) -> String? {
        guard old != new else { return nil }
        let oldLines = lines(of: old)
        let newLines = lines(of: new)
        let operations = editScript(oldLines, newLines)
        var output = "--- \(oldName)\n+++ \(newName)\n"
        for hunk in hunks(of: operations, context: context) {
            output += render(hunk, operations: operations, oldLines: oldLines, newLines: newLines)
        }
        return output
    }

    private static func lines(of text: String) -> [Substring] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Every line of both texts in order, as the standard library's `difference(from:)` aligns
    /// them: at each place, the removed lines of `old` come before the added lines of `new`.
    private static func editScript(_ old: [Substring], _ new: [Substring]) -> [Operation] {
        var removed = Set<Int>(), added = Set<Int>()
        for change in new.difference(from: old) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): added.insert(offset)
            }
        }
        var operations: [Operation] = []
        operations.reserveCapacity(old.count + added.count)
        var o = 0, n = 0
        while o < old.count || n < new.count {
            if o < old.count, removed.contains(o) {
                operations.append(.removed(o))
                o += 1
            } else if n < new.count, added.contains(n) {
                operations.append(.added(n))
                n += 1
            } else {
                operations.append(.same(o, n))
                o += 1
                n += 1
            }
        }
        return operations
    }

    /// Ranges of `operations` to print: each change with `context` unchanged lines around it.
    private static func hunks(of operations: [Operation], context: Int) -> [Range<Int>] {
        var hunks: [Range<Int>] = []
        for (position, operation) in operations.enumerated() where operation.isChange {
            let range = max(0, position - context)..<min(operations.count, position + context + 1)
            if let last = hunks.last, range.lowerBound <= last.upperBound {
                hunks[hunks.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                hunks.append(range)
            }
        }
        return hunks
    }

    private static func render(_ hunk: Range<Int>, operations: [Operation], oldLines: [Substring], newLines: [Substring]) -> String {
        var body = ""
        var oldStart: Int?, newStart: Int?
        var oldCount = 0, newCount = 0
        var oldCursor = 0, newCursor = 0
        for operation in operations[..<hunk.lowerBound] {
            switch operation {
            case .same: oldCursor += 1; newCursor += 1
            case .removed: oldCursor += 1
            case .added: newCursor += 1
            }
        }
        for operation in operations[hunk] {
            switch operation {
            case .same(let o, let n):
                body += " \(oldLines[o])\n"
                oldStart = oldStart ?? o
                newStart = newStart ?? n
                oldCount += 1
                newCount += 1
            case .removed(let o):
                body += "-\(oldLines[o])\n"
                oldStart = oldStart ?? o
                oldCount += 1
            case .added(let n):
                body += "+\(newLines[n])\n"
                newStart = newStart ?? n
                newCount += 1
            }
        }
        let oldFrom = oldCount == 0 ? oldCursor : (oldStart ?? oldCursor) + 1
        let newFrom = newCount == 0 ? newCursor : (newStart ?? newCursor) + 1
        return "@@ -\(oldFrom),\(oldCount) +\(newFrom),\(newCount) @@\n" + body
    }
}
