/// Checks the structure of a ZIP archive before any ZIP library reads it.
///
/// The end-of-central-directory record must be there, and every central-directory entry, every
/// local header and every entry's data must lie inside the file. A fuzzed .docx that broke this
/// crashed ZIPFoundation's in-memory reader; bytes that fail here never reach it.
enum ZIPStructure {
    static func check(_ bytes: [UInt8]) throws {
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
        let entries = le16(eocd + 10)
        let directorySize = le32(eocd + 12)
        let directoryStart = le32(eocd + 16)
        guard entries > 0, entries < 0xFFFF, directoryStart < 0xFFFF_FFFF,
            directoryStart + directorySize <= eocd
        else { throw fault("its central directory lies outside the file (or is ZIP64)") }

        var p = directoryStart
        for _ in 0..<entries {
            guard signature(p, 0x0201_4B50), p + 46 <= directoryStart + directorySize else {
                throw fault("a central-directory entry is damaged")
            }
            let compressed = le32(p + 20)
            let nameLength = le16(p + 28)
            let extraLength = le16(p + 30)
            let commentLength = le16(p + 32)
            let local = le32(p + 42)
            p += 46 + nameLength + extraLength + commentLength
            guard p <= directoryStart + directorySize, compressed < 0xFFFF_FFFF, local + 30 <= n,
                signature(local, 0x0403_4B50)
            else { throw fault("an entry points outside the file") }
            let dataStart = local + 30 + le16(local + 26) + le16(local + 28)
            guard dataStart + compressed <= n else { throw fault("an entry's data runs past the end of the file") }
        }
    }

    private static func fault(_ what: String) -> IntakeError {
        IntakeError.malformed("not a readable ZIP archive: \(what)")
    }
}
