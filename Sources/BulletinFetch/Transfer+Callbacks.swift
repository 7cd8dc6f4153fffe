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
    let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }.trimmingSpaces()
    if line.hasPrefix("HTTP/") {
        transfer.headers = []
        let fields = line.split(separator: " ")
        transfer.status = fields.count > 1 ? Int(fields[1]) ?? 0 : 0
    } else if let colon = line.firstIndex(of: ":") {
        let name = String(line[..<colon]).trimmingSpaces()
        let value = String(line[line.index(after: colon)...]).trimmingSpaces()
        transfer.headers.append((name, value))
        // Refuse early a body announced as too large, unless it is a redirect's that curl skips.
        if name.lowercased() == "content-length", (200..<300).contains(transfer.status),
            let announced = Int64(value), announced > Int64(limits.maxBytes)
        {
            transfer.stop(.tooLarge, "Content-Length \(announced) exceeds the limit of \(limits.maxBytes) bytes")
            return 0
        }
    }
    return length
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
