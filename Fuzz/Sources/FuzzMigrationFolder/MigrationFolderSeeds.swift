/// The seeds of the migration-folder target (scripts/fuzz adds the repository's snapshot.json
/// files): snapshots of each shape and version, and checksum files as written and as edited.
enum MigrationFolderSeeds {
    static let snapshot = """
    {
      "enums" : { "order_status" : { "name" : "OrderStatus", "values" : [ "pending", "paid" ] } },
      "formatVersion" : 1,
      "tables" : {
        "users" : {
          "columns" : {
            "email" : { "field" : "email", "nullable" : false, "position" : 1, "type" : "String" },
            "id" : { "default" : "generatedID", "field" : "id", "nullable" : false, "position" : 0, "type" : "UUID" },
            "status" : { "field" : "status", "nullable" : true, "position" : 2, "type" : "enum order_status" }
          },
          "foreignKeys" : { },
          "indexes" : { "users_email_idx" : { "columns" : [ "email" ], "hashSharded" : false } },
          "model" : "User",
          "primaryKey" : { "columns" : [ "id" ], "name" : "users_pkey" },
          "uniqueKeys" : { "users_email_key" : [ "email" ] }
        }
      }
    }
    """
    static let sql = "CREATE TABLE users (id UUID PRIMARY KEY);\n"
    static let checksums = "0000000000000000000000000000000000000000000000000000000000000000  postgresql.sql\n"

    static let files: [[String]] = [
        [snapshot, checksums, sql, sql],
        [snapshot.replacing("\"formatVersion\" : 1", with: "\"formatVersion\" : 2"), "", sql],
        [snapshot.replacing("\"formatVersion\" : 1,", with: ""), checksums, sql],
        ["{\"formatVersion\":1,\"enums\":{},\"tables\":{}}", "abc  postgresql.sql\nxyz  other.sql\n\n  \n", sql],
        ["{\"formatVersion\":1e400,\"enums\":[],\"tables\":null}", "e3b0  cockroachdb.sql\r\n", "", ""],
        ["not json", "", sql],
        ["[1, {\"a\": \"\\ud800\"}, 18446744073709551616, -0.0, true]"],
    ]

    static var all: [[UInt8]] { files.map { Array($0.joined(separator: "\u{1C}").utf8) } }
}
