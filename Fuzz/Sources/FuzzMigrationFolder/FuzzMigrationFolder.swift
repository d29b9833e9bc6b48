import AthanorCompiler
import FuzzCompilerIO
import FuzzSupport

// Input: the hand-editable files of one migration folder, separated by the byte 0x1C:
// `snapshot.json`, `checksums`, `postgresql.sql`, `cockroachdb.sql` (a missing part is a
// missing file), decoded as UTF-8 with replacement as the folder is read. Properties, beyond
// "no crash, no hang":
//  - the snapshot is read as `migrate diff` reads the last one (`MigrationsDirectory.lastSnapshot`):
//    a malformed file or another format version is an `InputError` that names the file;
//  - a snapshot that reads writes back (`SnapshotJSON.text`) to text that reads to the same
//    snapshot; the diff from it to itself is empty; the diffs between it and the empty schema
//    render for both dialects;
//  - the checksum file: the one `migrate diff` writes reports no edited file; every name
//    reported is a file of the folder, a name the checksum file lists, or `checksums` itself;
//    a file whose `<sha256>  <name>` line is absent is always reported.

func fuzzMigrationFolder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    let parts = input.split(separator: 0x1C, omittingEmptySubsequences: false).prefix(4)
        .map { String(decoding: $0, as: UTF8.self) }
    func part(_ index: Int) -> String? { index < parts.count ? parts[index] : nil }
    var sql: [SQLDialect: String] = [.postgresql: part(2) ?? ""]
    if let cockroach = part(3) { sql[.cockroachdb] = cockroach }
    let folder = MigrationFolder(id: "20261204_000000_fuzz", path: "migrations/20261204_000000_fuzz", sql: sql,
                                 snapshot: part(0), checksums: part(1))
    checkSnapshot(folder, input: input)
    checkChecksums(folder, input: input)
    return 0
}

func checkSnapshot(_ folder: MigrationFolder, input: [UInt8]) {
    let snapshot: SchemaSnapshot
    do {
        snapshot = try MigrationsDirectory.lastSnapshot(of: [folder])
    } catch {
        if !error.description.contains(folder.path + "/snapshot.json") {
            propertyFailed("the error does not name the file", error.description, input: input)
        }
        return
    }
    let text = SnapshotJSON.text(of: snapshot)
    do {
        let again = try SnapshotJSON.snapshot(from: text, path: "again.json")
        if again != snapshot { propertyFailed("the snapshot's text reads to another snapshot", text, input: input) }
    } catch {
        propertyFailed("the snapshot's text does not read", "\(error)\n\(text)", input: input)
    }
    let same = SchemaDiffer(from: snapshot, to: snapshot).diff()
    if !same.isEmpty {
        propertyFailed("the diff of a snapshot to itself is not empty", "\(same.changes)\n\(same.errors.map(\.message))", input: input)
    }
    for diff in [SchemaDiffer(from: .empty, to: snapshot).diff(), SchemaDiffer(from: snapshot, to: .empty).diff()] {
        for dialect in SQLDialect.allCases { _ = MigrationRenderer(dialect: dialect).script(for: diff.changes) }
    }
}

func checkChecksums(_ folder: MigrationFolder, input: [UInt8]) {
    let edited = folder.editedFiles
    let names = Set(folder.checkedFiles.map(\.name))
    let listed = folder.checksums ?? ""
    for name in edited where name != MigrationFolder.checksumFileName && !names.contains(name) && !listed.contains(name) {
        propertyFailed("a reported file is neither in the folder nor in the checksum file", name, input: input)
    }
    if folder.checksums != nil {
        for file in folder.checkedFiles where !listed.contains("\(SHA256.hex(of: file.text))  \(file.name)") && !edited.contains(file.name) {
            propertyFailed("an edited file is not reported", "\(file.name) in \(edited)", input: input)
        }
    }
    var written = folder
    written.checksums = folder.expectedChecksums
    if !written.editedFiles.isEmpty {
        propertyFailed("the checksum file migrate diff writes reports edited files", "\(written.editedFiles)", input: input)
    }
}
