import AthanorCompiler
import Foundation

/// One migration as it sits on disk: `migrations/<id>_<name>/` with `postgresql.sql`,
/// `cockroachdb.sql`, `snapshot.json` (absent from a hand-written migration) and `checksums`
/// (`sha256sum` lines over the other files, so `sha256sum -c checksums` checks it too).
public struct MigrationFolder: Sendable, Hashable {
    /// The checksum file's name.
    public static let checksumFileName = "checksums"
    /// The snapshot file's name.
    public static let snapshotFileName = "snapshot.json"

    /// The folder's name, which is the migration's id in the history table: `20261204_093000_add_nickname`.
    public var id: String
    /// The folder's path.
    public var path: String
    /// The SQL of each dialect that has a file.
    public var sql: [SQLDialect: String]
    /// The text of `snapshot.json`, if any.
    public var snapshot: String?
    /// The text of `checksums`, if any.
    public var checksums: String?

    /// Creates a folder description.
    public init(id: String, path: String, sql: [SQLDialect: String], snapshot: String?, checksums: String?) {
        self.id = id
        self.path = path
        self.sql = sql
        self.snapshot = snapshot
        self.checksums = checksums
    }

    /// The file name of a dialect's SQL: `postgresql.sql`.
    public static func fileName(of dialect: SQLDialect) -> String { dialect.rawValue + ".sql" }

    /// The files the checksum file covers, by name, in name order.
    public var checkedFiles: [(name: String, text: String)] {
        var files = sql.map { (name: Self.fileName(of: $0.key), text: $0.value) }
        if let snapshot { files.append((Self.snapshotFileName, snapshot)) }
        return files.sorted { $0.name < $1.name }
    }

    /// The checksum file for ``checkedFiles``: `<sha256>  <name>` per line.
    public var expectedChecksums: String {
        checkedFiles.map { "\(SHA256.hex(of: $0.text))  \($0.name)\n" }.joined()
    }

    /// The files whose content no longer matches the checksum file (edited after `migrate
    /// diff` wrote them), or every file when the checksum file lists others; empty when there is
    /// no checksum file (a hand-written migration) or all match.
    public var editedFiles: [String] {
        guard let checksums, checksums != expectedChecksums else { return [] }
        var recorded: [String: String] = [:]
        for line in checksums.split(separator: "\n") {
            // A line without a file name (`<sha256>  `) names no file: the checksum file itself is reported.
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[1].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { recorded[name] = String(parts[0]) }
        }
        var edited = checkedFiles.filter { recorded[$0.name] != SHA256.hex(of: $0.text) }.map(\.name)
        edited += recorded.keys.filter { name in !checkedFiles.contains { $0.name == name } }.sorted()
        return edited.isEmpty ? [Self.checksumFileName] : edited
    }

    /// The SQL checksum the history table records for `dialect`: SHA-256 of the file's text.
    public func checksum(for dialect: SQLDialect) -> String? {
        sql[dialect].map(SHA256.hex(of:))
    }
}

/// The `migrations/` folder: its migrations in id order, the last snapshot, and writing the next.
public enum MigrationsDirectory {
    /// Every migration folder under `path`, sorted by name; none when `path` does not exist.
    /// Entries that are not folders, or whose name does not start with a digit, are ignored.
    public static func load(_ path: String) throws(InputError) -> [MigrationFolder] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { throw InputError(description: "\(path) is not a folder") }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw InputError(description: "cannot read the folder \(path)")
        }
        var folders: [MigrationFolder] = []
        for name in names.sorted() where name.first?.isNumber == true {
            let folder = URL(fileURLWithPath: path).appending(path: name).path
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            guard name.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
                || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw InputError(description: "the migration folder \(folder): its name may hold only letters, digits, '_', '-' and '.'")
            }
            var sql: [SQLDialect: String] = [:]
            for dialect in SQLDialect.allCases {
                sql[dialect] = try optionalText(folder, MigrationFolder.fileName(of: dialect))
            }
            if sql.isEmpty {
                throw InputError(description: "the migration \(folder) has neither postgresql.sql nor cockroachdb.sql")
            }
            folders.append(MigrationFolder(id: name, path: folder, sql: sql,
                                           snapshot: try optionalText(folder, MigrationFolder.snapshotFileName),
                                           checksums: try optionalText(folder, MigrationFolder.checksumFileName)))
        }
        return folders
    }

    /// The snapshot of the last migration that has one (``SchemaSnapshot/empty`` when none does).
    public static func lastSnapshot(of folders: [MigrationFolder]) throws(InputError) -> SchemaSnapshot {
        guard let last = folders.last(where: { $0.snapshot != nil }), let text = last.snapshot else { return .empty }
        return try SnapshotJSON.snapshot(from: text, path: last.path + "/" + MigrationFolder.snapshotFileName)
    }

    /// The id for a migration named `name` written at `date`: `yyyyMMdd_HHmmss_name` (UTC), one
    /// second after the last id when the clock is behind it, so the new one always sorts last.
    public static func nextID(name: String, at date: Date, after folders: [MigrationFolder]) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd_HHmmss"
        var stamp = formatter.string(from: date)
        if let last = folders.last?.id, String(last.prefix(15)) >= stamp {
            let previous = formatter.date(from: String(last.prefix(15))) ?? date
            stamp = formatter.string(from: max(previous, date).addingTimeInterval(1))
        }
        return stamp + "_" + name
    }

    /// Writes a new migration folder (the folder must not exist): both dialects' SQL, the
    /// snapshot and the checksums; returns its path.
    public static func write(id: String, into path: String, sql: [SQLDialect: String], snapshot: SchemaSnapshot) throws(InputError) -> String {
        let folder = URL(fileURLWithPath: path).appending(path: id).path
        guard !FileManager.default.fileExists(atPath: folder) else { throw InputError(description: "\(folder) already exists") }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw InputError(description: "cannot create the folder \(folder): \(error.localizedDescription)")
        }
        let migration = MigrationFolder(id: id, path: folder, sql: sql, snapshot: SnapshotJSON.text(of: snapshot), checksums: nil)
        for file in migration.checkedFiles { try OutputFiles.write(file.text, to: folder + "/" + file.name) }
        try OutputFiles.write(migration.expectedChecksums, to: folder + "/" + MigrationFolder.checksumFileName)
        return folder
    }

    private static func optionalText(_ folder: String, _ name: String) throws(InputError) -> String? {
        let path = folder + "/" + name
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try TextFiles.read(path)
    }
}
