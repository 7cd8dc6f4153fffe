import CCurl

// libcurl's callbacks for a Transfer. They run on the transfer loop's thread, inside
// curl_multi_perform, with the Transfer passed back as the opaque context pointer.

private func transfer(_ context: UnsafeMutableRawPointer?) -> Transfer {
    Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
}

/// Body bytes, already decoded from gzip, deflate or br: the byte cap counts these.
let transferWrite: bulletind_data_callback = { data, size, count, context in
    let transfer = transfer(context)
    let length = size * count
    let limit = transfer.request.limits.maxBytes
    guard transfer.body.count + length <= limit else {
        transfer.stop(.tooLarge, "body exceeds the limit of \(limit) bytes (counted after decoding)")
        return 0
    }
    if let data, length > 0 {
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
    }
    return length
}

/// One header line of any response on the way (redirects and 1xx included).
let transferHeader: bulletind_data_callback = { data, size, count, context in
    let transfer = transfer(context)
    let length = size * count
    transfer.headerBytes += length
    let limits = transfer.request.limits
    guard transfer.headerBytes <= limits.maxHeaderBytes else {
        transfer.stop(.tooLarge, "response headers exceed \(limits.maxHeaderBytes) bytes")
        return 0
    }
    guard let data else { return length }
    let line = UnsafeRawBufferPointer(start: data, count: length)
    if line.starts(with: "HTTP/".utf8) {
        transfer.headers = []
        transfer.status = HeaderLine.statusCode(line)
    } else if let (name, value) = HeaderLine.field(line) {
        transfer.headers.append((name, value))
        if name.count == 14, name.lowercased() == "content-length", let announced = Int64(value) {
            // Refuse early a body announced as too large, unless it is a redirect's, which curl skips.
            if (200..<300).contains(transfer.status), announced > Int64(limits.maxBytes) {
                transfer.stop(.tooLarge, "Content-Length \(announced) exceeds the limit of \(limits.maxBytes) bytes")
                return 0
            }
            transfer.body.reserveCapacity(Int(min(announced, Int64(limits.maxBytes))))
        }
    }
    return length
}

/// Reads header lines as bytes: no String work beyond the name and value kept.
enum HeaderLine {
    /// The status code in "HTTP/1.1 200 OK", or 0.
    static func statusCode(_ line: UnsafeRawBufferPointer) -> Int {
        guard let space = line.firstIndex(of: UInt8(ascii: " ")) else { return 0 }
        var code = 0
        for byte in line[(space + 1)...].prefix(3) {
            guard (48...57).contains(byte) else { return 0 }
            code = code * 10 + Int(byte - 48)
        }
        return code
    }

    /// "Name: value\r\n" → ("Name", "value"); nil for a line without a colon.
    static func field(_ line: UnsafeRawBufferPointer) -> (String, String)? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 || byte == 10 }
        var start = colon + 1
        var end = line.count
        while start < end, isSpace(line[start]) { start += 1 }
        while end > start, isSpace(line[end - 1]) { end -= 1 }
        let name = String(decoding: line[..<colon], as: UTF8.self)
        return (name, String(decoding: line[start..<end], as: UTF8.self))
    }
}

/// Progress: stops a body curl reads but does not hand us (a redirect's), once it is too large.
let transferProgress: bulletind_progress_callback = { context, _, downloaded, _, _ in
    let transfer = transfer(context)
    let limit = Int64(transfer.request.limits.maxBytes)
    if downloaded > limit + limit / 4 + 65_536 {
        transfer.stop(.tooLarge, "more than \(limit) bytes arrived")
        return 1
    }
    return 0
}

/// Before each request is sent, with the address actually connected to: a redirect may not lead
/// from a public address to an internal one.
let transferPrerequest: bulletind_prereq_callback = { context, primaryIP, _, _, _ in
    let transfer = transfer(context)
    let address = primaryIP.map { String(cString: $0) } ?? ""
    let current = transfer.request.classifyAddress(address)
    guard let origin = transfer.originClass else {
        transfer.originClass = current
        return bulletind_prereqfunc_ok
    }
    if origin == .public && current.isInternal {
        transfer.stop(.blockedAddress, "redirect from a public address to internal address \(address) refused")
        return bulletind_prereqfunc_abort
    }
    return bulletind_prereqfunc_ok
}

extension Transfer {
    /// Records why a callback stopped the transfer (the first reason wins).
    func stop(_ reason: FetchError.Reason, _ message: String) {
        if abort == nil {
            abort = reason
            abortMessage = message
        }
    }
}
