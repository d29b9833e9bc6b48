import AthanorCompiler
import FuzzSupport

// Input: two schemas, the one migrated from and the one migrated to, separated by the byte
// 0x1D (ASCII "group separator"); each is the text of one schema file (decoded as UTF-8 with
// replacement). When both compile, properties beyond "no crash, no hang":
//  - `Compiler.migrate` from the first's snapshot to the second (destructive changes allowed)
//    gives either errors or both dialects' scripts;
//  - from a schema's own snapshot to itself (its renames declared), the migration is empty:
//    no change, no error.

func fuzzMigrationDiff(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    let halves = input.split(separator: 0x1D, maxSplits: 1, omittingEmptySubsequences: false)
    let catalogs = halves.map { bytes in
        Compiler.compile(sources: [SourceFile(path: "fuzz.schema", text: String(decoding: bytes, as: UTF8.self))]).catalog
    }
    guard let first = catalogs.first, let from = first else { return 0 }
    let to = catalogs.count > 1 ? catalogs[1] : from
    let snapshot = SchemaSnapshot(catalog: from)
    let same = Compiler.migrate(from: snapshot, catalog: from, allowDestructive: false)
    if !same.isEmpty {
        propertyFailed("the migration from a schema to itself is not empty",
                       "changes: \(same.diff.changes)\ndiagnostics: \(same.diagnostics.map(\.message))", input: input)
    }
    guard let to else { return 0 }
    let result = Compiler.migrate(from: snapshot, catalog: to, allowDestructive: true)
    if !result.hasErrors && result.scripts.count != SQLDialect.allCases.count {
        propertyFailed("no error, yet no script", "\(result.scripts.keys)", input: input)
    }
    return 0
}
