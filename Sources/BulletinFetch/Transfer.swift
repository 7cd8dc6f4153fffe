import CCurl

/// One request in flight: its curl easy handle, what has arrived so far, and who waits for it.
///
/// Created on the caller's task, then touched only by the transfer loop's thread (the callbacks
/// run there, inside curl_multi_perform), which is why it is `@unchecked Sendable`.
final class Transfer: @unchecked Sendable {
    let id: UInt64
    let request: FetchRequest
    /// The host the politeness limit counts against.
    let hostKey: String
    let easy: UnsafeMutableRawPointer
    private var requestHeaders: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var continuation: CheckedContinuation<FetchResponse, any Error>?

    // Filled by the callbacks.
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []
    var headerBytes = 0
    var status = 0
    /// Why a callback stopped the transfer, when one did.
    var abort: FetchError.Reason?
    var abortMessage = ""
    /// The class of the first address connected to; a later one must not be internal if it is public.
    var originClass: AddressClass?

    init(id: UInt64, request: FetchRequest) throws(FetchError) {
        self.id = id
        self.request = request
        self.hostKey = Self.host(of: request.url)
        guard let easy = curl_easy_init() else {
            throw FetchError(.other, "curl_easy_init failed", url: request.url)
        }
        self.easy = easy
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        do {
            try configure()
        } catch {
            throw FetchError(.other, "cannot set up the transfer: \(error)", url: request.url)
        }
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(requestHeaders)
        errorBuffer.deallocate()
    }

    /// Hands the transfer its waiter; called once, before the loop adds it.
    func attach(_ continuation: CheckedContinuation<FetchResponse, any Error>) {
        self.continuation = continuation
    }

    /// Resumes the waiter, once.
    func finish(_ result: Result<FetchResponse, FetchError>) {
        continuation?.resume(with: result.mapError { $0 as any Error })
        continuation = nil
    }

    /// What curl's error buffer holds, if anything.
    var curlMessage: String { String(cString: errorBuffer) }

    private func configure() throws(CurlError) {
        let limits = request.limits
        let context = Unmanaged.passUnretained(self).toOpaque()
        try set(CURLOPT_URL, request.url)
        try set(CURLOPT_PRIVATE, pointer: context)
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_PROTOCOLS_STR, request.allowFile ? "http,https,file" : "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_FOLLOWLOCATION, 1)
        try set(CURLOPT_MAXREDIRS, limits.maxRedirects)
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        try set(CURLOPT_HTTP_VERSION, Int(bulletind_http_version_2tls))
        try set(CURLOPT_ACCEPT_ENCODING, "")  // every decoder this libcurl has
        try set(CURLOPT_CONNECTTIMEOUT_MS, limits.connectTimeout.curlMilliseconds)
        try set(CURLOPT_TIMEOUT_MS, limits.totalTimeout.curlMilliseconds)
        try set(CURLOPT_LOW_SPEED_LIMIT, max(1, limits.lowSpeedBytesPerSecond))
        try set(CURLOPT_LOW_SPEED_TIME, max(1, limits.lowSpeedTime.curlMilliseconds / 1000))
        try set(CURLOPT_USERAGENT, request.userAgent)
        if let proxy = request.proxy { try set(CURLOPT_PROXY, proxy) }
        if let bundle = request.caBundle { try set(CURLOPT_CAINFO, bundle) }

        if let body = request.body {
            // A POST (webhooks, chat robots); curl copies the body.
            try CurlError.check(bulletind_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            let code = body.withUnsafeBytes { bytes in
                let base = UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!)
                return bulletind_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, base)
            }
            try CurlError.check(code)
        }
        var lines = request.headers
        if let etag = request.validators.etag { lines.append("If-None-Match: \(etag)") }
        if let date = request.validators.lastModified { lines.append("If-Modified-Since: \(date)") }
        for line in lines { requestHeaders = curl_slist_append(requestHeaders, line) }
        if requestHeaders != nil {
            try CurlError.check(bulletind_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, requestHeaders))
        }

        try set(CURLOPT_WRITEDATA, pointer: context)
        try CurlError.check(bulletind_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION, transferWrite))
        try set(CURLOPT_HEADERDATA, pointer: context)
        try CurlError.check(bulletind_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION, transferHeader))
        try set(CURLOPT_XFERINFODATA, pointer: context)
        try CurlError.check(bulletind_easy_setopt_progress_callback(easy, transferProgress))
        try set(CURLOPT_NOPROGRESS, 0)
        try set(CURLOPT_PREREQDATA, pointer: context)
        try CurlError.check(bulletind_easy_setopt_prereq_callback(easy, transferPrerequest))
    }

    private func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try CurlError.check(bulletind_easy_setopt_long(easy, option, value))
    }

    private func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        try CurlError.check(bulletind_easy_setopt_string(easy, option, value))  // curl copies strings
    }

    private func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer) throws(CurlError) {
        try CurlError.check(bulletind_easy_setopt_pointer(easy, option, pointer))
    }

    /// The lowercased host of a URL, or the whole URL when it has none.
    static func host(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPort = authority.split(separator: "@").last ?? ""
        if hostPort.hasPrefix("[") { return String(hostPort.prefix { $0 != "]" }).lowercased() + "]" }
        return String(hostPort.prefix { $0 != ":" }).lowercased()
    }
}
