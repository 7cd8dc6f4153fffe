import CZlib

#if canImport(Glibc)
    import Glibc
#endif

/// Raw documents by content: `blobs/ab/abcdef…` (the SHA-256 of the bytes as fetched), or
/// `…abcdef.z` when stored zlib-compressed. A blob is written once and never changed.
package struct BlobStore: Sendable {
    /// The `blobs` folder.
    package let root: String
    /// Compress new blobs with zlib.
    package var compress: Bool
    package var file = DurableFile()

    /// The largest blob read back (documents are capped well below this on the way in).
    static let maxBlobBytes = 512 << 20

    package init(root: String, compress: Bool = true) {
        self.root = root
        self.compress = compress
    }

    /// What a stored blob takes.
    package struct Stored: Sendable {
        package var hash: String
        package var size: Int
        package var storedSize: Int
        /// False when the blob was already there.
        package var written: Bool
    }

    /// Stores `bytes` durably under their hash, unless a blob of that hash is already there.
    package func put(_ bytes: [UInt8], hash known: String? = nil) throws(StoreError) -> Stored {
        let hash = known ?? SHA256.hex(of: bytes)
        if let existing = storedPath(of: hash) {
            return Stored(hash: hash, size: bytes.count, storedSize: Self.fileSize(existing) ?? 0, written: false)
        }
        let folder = try folder(for: hash)
        var payload = bytes
        var path = "\(folder)/\(hash)"
        if compress, let deflated = Self.deflate(bytes), deflated.count < bytes.count {
            payload = deflated
            path += ".z"
        }
        try file.write(payload, to: path)
        return Stored(hash: hash, size: bytes.count, storedSize: payload.count, written: true)
    }

    /// The bytes of a blob, checked against its hash.
    package func get(_ hash: String) throws(StoreError) -> [UInt8] {
        guard let path = storedPath(of: hash) else { throw StoreError.notFound("blob \(hash) is missing") }
        let bytes = try read(path: path)
        guard SHA256.hex(of: bytes) == hash else { throw StoreError.corrupt("blob \(hash) does not match its hash") }
        return bytes
    }

    /// The file holding a blob, compressed or not, if there is one.
    package func storedPath(of hash: String) -> String? {
        let base = "\(root)/\(hash.prefix(2))/\(hash)"
        if access(base, F_OK) == 0 { return base }
        if access(base + ".z", F_OK) == 0 { return base + ".z" }
        return nil
    }

    /// Removes a blob's file (retention). The folder is synced so the removal is durable too.
    package func remove(_ hash: String) throws(StoreError) {
        guard let path = storedPath(of: hash) else { return }
        if unlink(path) != 0 { throw StoreError.io("remove", path: path, errno: errno) }
        try file.syncDirectory("\(root)/\(hash.prefix(2))")
    }

    /// The decoded content of a blob file (inflated if it ends in .z), not checked.
    package func read(path: String) throws(StoreError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.io("open", path: path, errno: errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreError.io("read", path: path, errno: errno)
            }
            if n == 0 { break }
            bytes += chunk[..<n]
            if bytes.count > Self.maxBlobBytes { throw StoreError.corrupt("\(path) is larger than any blob we store") }
        }
        guard path.hasSuffix(".z") else { return bytes }
        guard let inflated = Self.inflate(bytes) else { throw StoreError.corrupt("\(path) is not a valid zlib stream") }
        return inflated
    }

    /// `blobs/ab`, created (and made durable) when new.
    private func folder(for hash: String) throws(StoreError) -> String {
        let folder = "\(root)/\(hash.prefix(2))"
        if mkdir(folder, 0o755) == 0 {
            try file.syncDirectory(root)
        } else if errno != EEXIST {
            throw StoreError.io("create folder", path: folder, errno: errno)
        }
        return folder
    }

    static func fileSize(_ path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }

    static func deflate(_ bytes: [UInt8]) -> [UInt8]? {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = compress2(&output, &length, bytes, uLong(bytes.count), 6)
        guard status == Z_OK else { return nil }
        return Array(output[..<Int(length)])
    }

    static func inflate(_ bytes: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard bulletind_inflate_init_zlib(&stream) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var input = bytes
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var status = Z_OK
        input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            while status == Z_OK {
                chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    output += outBuffer[..<(outBuffer.count - Int(stream.avail_out))]
                }
                if output.count > maxBlobBytes { status = Z_MEM_ERROR }
            }
        }
        return status == Z_STREAM_END && stream.avail_in == 0 ? output : nil
    }
}
