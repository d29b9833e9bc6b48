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

    /// Trims the common prefix and suffix, then aligns the middle by longest common subsequence
    /// (or, when the middle is too large for that, replaces it whole).
    private static func editScript(_ old: [Substring], _ new: [Substring]) -> [Operation] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        var operations = (0..<prefix).map { Operation.same($0, $0) }
        let oldMiddle = Array(prefix..<(old.count - suffix))
        let newMiddle = Array(prefix..<(new.count - suffix))
        if oldMiddle.count * newMiddle.count <= 4_000_000 {
            operations += alignedMiddle(old, new, oldMiddle, newMiddle)
        } else {
            operations += oldMiddle.map(Operation.removed) + newMiddle.map(Operation.added)
        }
        operations += (0..<suffix).map { Operation.same(old.count - suffix + $0, new.count - suffix + $0) }
        return operations
    }

    private static func alignedMiddle(_ old: [Substring], _ new: [Substring], _ oldRange: [Int], _ newRange: [Int]) -> [Operation] {
        let rows = oldRange.count, columns = newRange.count
        var table = Array(repeating: Array(repeating: 0, count: columns + 1), count: rows + 1)
        for i in stride(from: rows - 1, through: 0, by: -1) {
            for j in stride(from: columns - 1, through: 0, by: -1) {
                table[i][j] = old[oldRange[i]] == new[newRange[j]]
                    ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var operations: [Operation] = []
        var i = 0, j = 0
        while i < rows || j < columns {
            if i < rows, j < columns, old[oldRange[i]] == new[newRange[j]] {
                operations.append(.same(oldRange[i], newRange[j]))
                i += 1
                j += 1
            } else if i < rows, j == columns || table[i + 1][j] >= table[i][j + 1] {
                operations.append(.removed(oldRange[i]))
                i += 1
            } else {
                operations.append(.added(newRange[j]))
                j += 1
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
