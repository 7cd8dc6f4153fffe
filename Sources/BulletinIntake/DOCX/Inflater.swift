import CZlib

/// Inflates the raw deflate data of a ZIP entry with zlib, stopping at a size limit.
///
/// The limit is counted on the bytes actually produced, so an entry whose header understates its
/// size (a ZIP bomb) stops at the limit with an error, in bounded memory.
enum Inflater {
    static func inflate(_ input: ArraySlice<UInt8>, limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard bulletind_inflate_init_raw(&stream) == Z_OK else { throw IntakeError.malformed("zlib could not start") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var source = Array(input)
        return try source.withUnsafeMutableBufferPointer { inBuffer -> [UInt8] in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = UInt32(inBuffer.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, out.count - Int(stream.avail_out))
                }
                output.append(contentsOf: chunk[0..<produced])
                guard output.count <= limit else {
                    throw IntakeError.malformed(
                        "word/document.xml inflates past \(limit / 1024 / 1024) MB: not a bulletin")
                }
                switch status {
                case Z_STREAM_END: return output
                case Z_OK: if produced == 0 && stream.avail_in == 0 { return output }
                case Z_BUF_ERROR where stream.avail_in == 0: return output
                default: throw IntakeError.malformed("the entry's deflate data is damaged (zlib \(status))")
                }
            }
        }
    }
}
