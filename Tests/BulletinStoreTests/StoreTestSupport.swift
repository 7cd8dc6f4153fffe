import BulletinParser
import Foundation
import XCTest

@testable import BulletinStore

/// A fresh state directory per test, removed afterwards.
class StoreTestCase: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func openStore(fault: (@Sendable (FileOperation) -> Int32?)? = nil) throws -> SnapshotStore {
        var file = DurableFile()
        if let fault { file.fault = fault }
        return try SnapshotStore(directory: directory, create: true, compress: true, file: file)
    }

    /// A snapshot of a made-up report whose GDP is `gdp` (and growth `growth`).
    func snapshot(_ source: String = "hexi-report", gdp: String = "1609", growth: String = "5.2", extra: String = "")
        -> Snapshot
    {
        let text = "2023年全市地区生产总值\(gdp)亿元，比上年增长\(growth)%。\(extra)"
        let indicators = (try? BulletinParser(options: .init(year: 2023)).parse(text: text).indicators) ?? []
        var snapshot = Snapshot(
            sourceId: source, url: "https://example.gov.cn/\(source).html", content: Array(text.utf8),
            indicators: indicators)
        snapshot.title = "2023年统计公报"
        return snapshot
    }

    /// Every file under the blob folders.
    func blobFiles() -> [String] {
        let root = directory + "/blobs"
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(folder)")) ?? []).map {
                "\(root)/\(folder)/\($0)"
            }
        }
    }
}
