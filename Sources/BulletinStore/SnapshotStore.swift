import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// Every version of every document, on disk: content-addressed blobs plus an SQLite index.
///
/// A version exists from the moment its index row commits, and that commit happens only after its
/// blob is durable (see ``DurableFile``). A crash at any point leaves either the old state or the
/// new one, at worst with an unreferenced blob that ``verify()`` lists.
///
/// ```swift
/// let store = try SnapshotStore(directory: "/var/lib/bulletind")
/// let outcome = try store.record(snapshot)
/// for version in try store.versions(of: "tongliao-report") { print(version.sequence, version.blob) }
/// ```
public final class SnapshotStore: Sendable {
    /// The state directory.
    public let directory: String
    let database: DatabasePool
    let blobs: BlobStore
    let lock: StateLock

    /// Opens (creating if `create`) the store in `directory`. Removes debris of interrupted writes
    /// when no other process is writing.
    public convenience init(directory: String, create: Bool = true, compress: Bool = true) throws(StoreError) {
        try self.init(directory: directory, create: create, compress: compress, file: DurableFile())
    }

    /// Opens the store with `file` for blob writes (tests inject faults through it).
    package init(directory: String, create: Bool, compress: Bool, file: DurableFile) throws(StoreError) {
        self.directory = directory
        let databasePath = "\(directory)/index.sqlite"
        if !create && access(databasePath, F_OK) != 0 {
            throw StoreError.notFound("no bulletind store at \(directory) (nothing stored yet, or a wrong --state)")
        }
        for folder in [directory, "\(directory)/blobs"] where mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw StoreError.io("create folder", path: folder, errno: errno)
        }
        var blobs = BlobStore(root: "\(directory)/blobs", compress: compress)
        blobs.file = file
        self.blobs = blobs
        lock = try StateLock(directory: directory)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            database = try DatabasePool(path: databasePath, configuration: configuration)
            try lock.exclusively { () throws(StoreError) in
                do { try Schema.migrator.migrate(database) } catch { throw StoreError.database("\(error)") }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database("cannot open \(databasePath): \(error)")
        }
        _ = try lock.ifFree { () throws(StoreError) in try removeTemporaryFiles() }
    }

    /// Runs a read in a snapshot of the index, concurrent with writers.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try database.read(body) } catch { throw Self.wrap(error) }
    }

    /// Runs a write transaction.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try database.write(body) } catch { throw Self.wrap(error) }
    }

    static func wrap(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            return .database(error.message ?? "\(error.resultCode)")
        }
        return .database("\(error)")
    }

    /// Temporary files of writes that never finished, in every blob folder.
    func temporaryFiles() -> [String] {
        blobFolders().flatMap { folder in
            entries(of: folder).filter { $0.hasPrefix(DurableFile.temporaryPrefix) }.map { "\(folder)/\($0)" }
        }
    }

    @discardableResult
    private func removeTemporaryFiles() throws(StoreError) -> Int {
        let debris = temporaryFiles()
        for path in debris where unlink(path) != 0 {
            throw StoreError.io("remove", path: path, errno: errno)
        }
        return debris.count
    }

    func blobFolders() -> [String] {
        entries(of: blobs.root).filter { $0.count == 2 }.sorted().map { "\(blobs.root)/\($0)" }
    }

    func entries(of folder: String) -> [String] {
        guard let handle = opendir(folder) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
