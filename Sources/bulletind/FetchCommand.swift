import ArgumentParser
import BulletinFetch
import Foundation

/// `bulletind fetch`: one URL through the same client and limits the daemon uses.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch a URL the way the daemon does, and print what the server answered.",
        discussion: """
            Prints status, final URL, content type, charset, bytes, ETag, Last-Modified and \
            timings. Exit status: 0 on 2xx and 304; 75 (try again later) on a transient failure \
            (timeout, network, 5xx, 429); 1 on a permanent one (4xx, TLS, refused scheme, too large).

            Examples:
              bulletind fetch https://www.tongliao.gov.cn/ --output page.html
              bulletind fetch https://example.gov.cn/a.html --etag '"5f3a"' --last-modified 'Tue, 05 Mar 2024 02:00:00 GMT'
              bulletind fetch file:///srv/archive/2023.pdf --allow-file
            """
    )

    @Argument(help: "The URL: http or https (file with --allow-file).")
    var url: String

    @Option(help: "Seconds allowed for the whole transfer.")
    var timeout: Double = 60

    @Option(help: "Seconds allowed to connect.")
    var connectTimeout: Double = 10

    @Option(help: "Largest body accepted after decoding: 20MB, 512KB, 1000.")
    var maxBytes: String = "20MB"

    @Option(name: .customLong("header"), help: "A request header 'Name: value' (repeatable).")
    var headers: [String] = []

    @Option(help: "User-Agent header.")
    var userAgent: String = FetchRequest.defaultUserAgent

    @Option(help: "An ETag from an earlier fetch, sent as If-None-Match.")
    var etag: String?

    @Option(help: "A Last-Modified from an earlier fetch, sent as If-Modified-Since.")
    var lastModified: String?

    @Option(help: "Proxy URL (default: the http_proxy/https_proxy/no_proxy environment).")
    var proxy: String?

    @Option(help: "CA bundle to trust instead of the system's.")
    var cacert: String?

    @Option(help: "Write the body to this file (- for standard output).")
    var output: String?

    @Flag(help: "Allow a file:// URL (never through a redirect).")
    var allowFile = false

    mutating func validate() throws {
        guard ByteCount.parse(maxBytes) != nil else { throw ValidationError("--max-bytes \(maxBytes): not a size") }
        guard timeout > 0, connectTimeout > 0 else { throw ValidationError("timeouts must be positive") }
        for header in headers where !header.contains(":") {
            throw ValidationError("--header \(header): expected 'Name: value'")
        }
    }

    func run() async throws {
        var request = FetchRequest(url: url)
        request.headers = headers
        request.userAgent = userAgent
        request.validators = Validators(etag: etag, lastModified: lastModified)
        request.allowFile = allowFile
        request.proxy = proxy
        request.caBundle = cacert
        request.limits.totalTimeout = .milliseconds(Int64(timeout * 1000))
        request.limits.connectTimeout = .milliseconds(Int64(connectTimeout * 1000))
        request.limits.maxBytes = ByteCount.parse(maxBytes)!

        MemoryTuning.retainFreedMemory()
        let fetcher = try Fetcher(maxConcurrent: 1, maxPerHost: 1)
        defer { fetcher.shutdown() }
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(request)
        } catch let error as FetchError {
            FileHandle.standardError.write(Data("error: \(error.description) [\(error.classification)]\n".utf8))
            throw ExitCode(error.isTransient ? 75 : 1)
        }
        if let output {
            try write(response.body, to: output)
        }
        if output != "-" {
            StandardOutput.write(Self.summary(of: response))
        }
    }

    private func write(_ body: [UInt8], to path: String) throws {
        if path == "-" {
            StandardOutput.write(bytes: body)
            return
        }
        do {
            try Data(body).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
    }

    static func summary(of response: FetchResponse) -> String {
        func ms(_ duration: Duration) -> String {
            let (seconds, atto) = duration.components
            return String(format: "%.1f ms", Double(seconds) * 1000 + Double(atto) / 1e15)
        }
        let t = response.timings
        let lines: [(String, String)] = [
            ("status", "\(response.status)\(response.isNotModified ? " (not modified)" : "")"),
            ("url", response.finalURL),
            ("redirects", "\(response.redirects)"),
            ("http", response.httpVersion.isEmpty ? "-" : response.httpVersion),
            ("content-type", response.contentType ?? "-"),
            ("charset", response.charset ?? "-"),
            ("bytes", "\(response.body.count)"),
            ("etag", response.validators.etag ?? "-"),
            ("last-modified", response.validators.lastModified ?? "-"),
            (
                "timings",
                "dns \(ms(t.nameLookup)), connect \(ms(t.connect)), tls \(ms(t.tlsHandshake)), "
                    + "first byte \(ms(t.firstByte)), total \(ms(t.total))"
            ),
        ]
        return lines.map { "\($0.0): \($0.1)\n" }.joined()
    }
}
