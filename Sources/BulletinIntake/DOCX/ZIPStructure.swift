/// Reads the directory of a ZIP archive, checking every offset and size against the file first.
///
/// The end-of-central-directory record must be there, and every central-directory entry, local
/// header and entry's data must lie inside the file: a damaged or hostile archive fails here with
/// a one-line error and nothing reads past the end of the bytes.
enum ZIPStructure {
    /// One file in the archive.
    struct Entry: Equatable {
        var name: String
        /// 0 stored, 8 deflated.
        var method: Int
        var dataRange: Range<Int>
        var declaredSize: Int
    }

    static func check(_ bytes: [UInt8]) throws {
        _ = try entries(bytes)
    }

    static func entries(_ bytes: [UInt8]) throws -> [Entry] {
        let n = bytes.count
        guard n >= 22 else { throw fault("too short to be a ZIP archive") }
        func le16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func le32(_ at: Int) -> Int { le16(at) | le16(at + 2) << 16 }
        func signature(_ at: Int, _ value: Int) -> Bool { at >= 0 && at + 4 <= n && le32(at) == value }

        var eocd = -1
        var i = n - 22
        while i >= max(0, n - 22 - 65_535) {
            if signature(i, 0x0605_4B50) {
                eocd = i
                break
            }
            i -= 1
        }
        guard eocd >= 0 else { throw fault("no end-of-central-directory record") }
        let count = le16(eocd + 10)
        let directorySize = le32(eocd + 12)
        let directoryStart = le32(eocd + 16)
        let directoryEnd = directoryStart + directorySize
        guard count > 0, count < 0xFFFF, directoryStart < 0xFFFF_FFFF, directoryEnd <= eocd else {
            throw fault("its central directory lies outside the file (or is ZIP64)")
        }
        var result: [Entry] = []
        var p = directoryStart
        for _ in 0..<count {
            guard signature(p, 0x0201_4B50), p + 46 <= directoryEnd else {
                throw fault("a central-directory entry is damaged")
            }
            let method = le16(p + 10)
            let compressed = le32(p + 20)
            let declared = le32(p + 24)
            let nameLength = le16(p + 28)
            let local = le32(p + 42)
            let nameStart = p + 46
            p = nameStart + nameLength + le16(p + 30) + le16(p + 32)
            guard p <= directoryEnd, compressed < 0xFFFF_FFFF, local + 30 <= n, signature(local, 0x0403_4B50)
            else { throw fault("an entry points outside the file") }
            let dataStart = local + 30 + le16(local + 26) + le16(local + 28)
            guard dataStart + compressed <= n else { throw fault("an entry's data runs past the end of the file") }
            let name = String(decoding: bytes[nameStart..<(nameStart + nameLength)], as: UTF8.self)
            result.append(
                Entry(
                    name: name, method: method, dataRange: dataStart..<(dataStart + compressed), declaredSize: declared)
            )
        }
        return result
    }

    private static func fault(_ what: String) -> IntakeError {
        IntakeError.malformed("not a readable ZIP archive: \(what)")
    }
}
