import AthanorCompiler
import AthanorCompilerIO
import Testing

/// A migration folder's hand-editable files read as `migrate diff` reads them: the inputs
/// scripts/fuzz's FuzzMigrationFolder found misread.
@Suite struct MigrationFolderInputTests {
    static let snapshot = """
    {"formatVersion":1,"enums":{},"tables":{"orders":{"model":"Order","columns":{
     "id":{"field":"id","nullable":false,"position":0,"type":"UUID"},
     "placed_at":{"field":"placedAt","nullable":false,"position":1,"type":"Timestamp"}},
     "primaryKey":{"name":"orders_pkey","columns":["id"]},"uniqueKeys":{},
     "indexes":{"orders_placed_at_idx":{"columns":["INDEXED"],"hashSharded":false}},"foreignKeys":{}}}}
    """

    @Test func aSnapshotWhoseReferencesDoNotHoldIsAnError() throws {
        // An index on a column the table lacks: the diff from the snapshot to itself dropped and
        // re-created the index.
        for (indexed, error) in [("plaged_at", "the index 'orders_placed_at_idx' of the table 'orders' names the column 'plaged_at'"),
                                 ("", "the index 'orders_placed_at_idx' of the table 'orders' names the column ''")] {
            #expect {
                try SnapshotJSON.snapshot(from: Self.snapshot.replacing("INDEXED", with: indexed), path: "m/snapshot.json")
            } throws: { "\($0)".contains("m/snapshot.json is not a consistent schema snapshot: " + error) }
        }
        let snapshot = try SnapshotJSON.snapshot(from: Self.snapshot.replacing("INDEXED", with: "placed_at"), path: "m/snapshot.json")
        #expect(SchemaDiffer(from: snapshot, to: snapshot).diff().isEmpty)

        let dangling = SchemaSnapshot(tables: ["a": SnapshotTable(
            model: "A", columns: ["id": SnapshotColumn(field: "id", type: SnapshotType(element: .enumeration("gone")), nullable: false, default: nil, position: 0)],
            primaryKey: SnapshotKey(name: "a_pkey", columns: []),
            foreignKeys: ["a_b_fkey": SnapshotForeignKey(columns: ["id"], referencedTable: "b", referencedColumns: ["id"], onDelete: .cascade)])])
        #expect(dangling.inconsistencies == [
            "the primary key 'a_pkey' of the table 'a' has no column",
            "the foreign key 'a_b_fkey' of the table 'a' references the table 'b', which the snapshot does not have",
            "the column 'id' of the table 'a' has the enum type 'gone', which the snapshot does not have",
        ])
    }

    @Test func aChecksumLineWithoutAFileNameReportsTheChecksumFile() {
        let sql = "CREATE TABLE t (id INT);\n"
        var folder = MigrationFolder(id: "1_a", path: "m/1_a", sql: [.postgresql: sql], snapshot: nil, checksums: nil)
        folder.checksums = folder.expectedChecksums + "abc  \n"
        // Was [""]: a file with no name reported as edited.
        #expect(folder.editedFiles == ["checksums"])
        folder.checksums = folder.expectedChecksums
        #expect(folder.editedFiles.isEmpty)
    }
}
