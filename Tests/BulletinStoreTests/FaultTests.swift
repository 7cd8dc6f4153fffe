import Foundation
import XCTest

@testable import BulletinStore

#if canImport(Glibc)
    import Glibc
#endif

/// A full disk or a failing one loses nothing stored and shows nothing half-written.
final class FaultTests: StoreTestCase {
    private func assertFaultLeavesStoreConsistent(
        _ operation: FileOperation, _ code: Int32, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let failing = FaultSwitch()
        let store = try openStore(fault: { op in op == operation && failing.on ? code : nil })
        _ = try store.record(snapshot(gdp: "1609"))
        let before = blobFiles().sorted()
        failing.on = true
        XCTAssertThrowsError(try store.record(snapshot(gdp: "1612")), file: file, line: line) { error in
            guard case .io(_, _, let errno) = error as? StoreError else {
                return XCTFail("\(error)", file: file, line: line)
            }
            XCTAssertEqual(errno, code, file: file, line: line)
            XCTAssertTrue((error as! StoreError).isRetryable, file: file, line: line)
        }
        XCTAssertEqual(
            try store.versions(of: "hexi-report").count, 1, "the version is not recorded", file: file, line: line)
        XCTAssertEqual(blobFiles().sorted(), before, "no temp file, no half blob", file: file, line: line)
        XCTAssertTrue(try store.verify().isClean, file: file, line: line)
        failing.on = false
        let retried = try store.record(snapshot(gdp: "1612"))
        XCTAssertEqual(retried.version.sequence, 2, "a retry later writes it in full", file: file, line: line)
        XCTAssertTrue(try store.verify().isClean, file: file, line: line)
    }

    func testRecord_whenDiskIsFullOnWrite_recordsNothingAndRetriesLater() throws {
        try assertFaultLeavesStoreConsistent(.write, ENOSPC)
    }

    func testRecord_whenFsyncFailsWithEIO_recordsNothingAndRewritesOnRetry() throws {
        try assertFaultLeavesStoreConsistent(.fsync, EIO)
    }

    func testRecord_whenCreatingTheTempFileFails_recordsNothing() throws {
        try assertFaultLeavesStoreConsistent(.create, ENOSPC)
    }

    func testRecord_whenDirectorySyncFails_takesTheBlobBackAndRecordsNothing() throws {
        try assertFaultLeavesStoreConsistent(.fsyncDirectory, EIO)
    }

    func testRecord_whenRenameFails_recordsNothing() throws {
        try assertFaultLeavesStoreConsistent(.rename, EIO)
    }

    func testStoreError_readsAsOneLine() {
        let error = StoreError.io("fsync", path: "/var/lib/bulletind/blobs/ab/.tmp-1", errno: EIO)
        XCTAssertEqual(error.description, "cannot fsync /var/lib/bulletind/blobs/ab/.tmp-1: Input/output error")
    }

    func testVerify_findsACorruptedBlobAMissingOneAndDebris() throws {
        let store = try openStore()
        let first = try store.record(snapshot(gdp: "1609")).version
        let second = try store.record(snapshot(gdp: "1612")).version
        XCTAssertTrue(try store.verify().isClean)

        // Flip a byte of one blob, delete another, leave a temp file.
        let damaged = try XCTUnwrap(store.blobs.storedPath(of: first.blob))
        var bytes = try XCTUnwrap(FileManager.default.contents(atPath: damaged))
        bytes[bytes.count / 2] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: damaged))
        try FileManager.default.removeItem(atPath: try XCTUnwrap(store.blobs.storedPath(of: second.blob)))
        let debris = (damaged as NSString).deletingLastPathComponent + "/.tmp-999-1"
        _ = FileManager.default.createFile(atPath: debris, contents: Data("half".utf8))

        let report = try store.verify()
        XCTAssertFalse(report.isClean)
        XCTAssertTrue(
            report.faults.contains { $0.contains(first.blob.prefix(12)) && !$0.contains("missing") }, "\(report.faults)"
        )
        XCTAssertTrue(report.faults.contains { $0.contains("version 2") && $0.contains("missing") }, "\(report.faults)")
        XCTAssertTrue(report.faults.contains { $0.contains(".tmp-999-1") }, "\(report.faults)")
        XCTAssertThrowsError(try store.blobs.get(first.blob), "a damaged blob is never returned")
    }

    func testOpen_removesDebrisOfInterruptedWrites() throws {
        let store = try openStore()
        let version = try store.record(snapshot()).version
        let folder = (try XCTUnwrap(store.blobs.storedPath(of: version.blob)) as NSString).deletingLastPathComponent
        _ = FileManager.default.createFile(atPath: folder + "/.tmp-1-2", contents: Data("x".utf8))
        _ = try openStore()
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/.tmp-1-2"))
    }

    func testVerify_listsAnOrphanBlobAsANoteNotAFault() throws {
        let store = try openStore()
        _ = try store.record(snapshot())
        _ = try store.blobs.put(Array("content whose index commit never happened".utf8))
        let report = try store.verify()
        XCTAssertTrue(report.isClean)
        XCTAssertEqual(report.notes.count, 1)
    }
}

final class FaultSwitch: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var on: Bool {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
