import Foundation
import Glibc
import Spawn

/// Reads the text of a PDF through poppler's `pdftotext` (Debian poppler-utils) in a child process.
///
/// No shell is involved: the PDF goes to a private temporary file and `pdftotext` is started
/// with an argument vector. It must finish within ``timeout`` and print at most ``maxTextBytes``,
/// or it is killed and the read fails with a one-line error.
enum PDFReader {
    static let timeout: TimeInterval = 30
    static let maxTextBytes = 64 * 1024 * 1024

    static func read(_ bytes: [UInt8], pdftotext: String? = nil) throws -> IntakeDocument {
        let text = try run(bytes, layout: false, pdftotext: pdftotext)
        // Tables come apart in reading order; their rows are read again from the layout rendering.
        let tables = (try? run(bytes, layout: true, pdftotext: pdftotext)).map(LayoutTableReader.sentences) ?? []
        let body = clean(text)
        return IntakeDocument(
            text: tables.isEmpty ? body : body + "\n\n" + tables.joined(separator: "\n\n"), format: .pdf)
    }

    private static func run(_ bytes: [UInt8], layout: Bool, pdftotext: String?) throws -> String {
        guard let tool = pdftotext ?? locate("pdftotext") else {
            throw IntakeError.unsupportedFormat(
                "PDF needs pdftotext (Debian package poppler-utils), which is not installed")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulletind-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf")
        let output = folder.appendingPathComponent("out.txt")
        try Data(bytes).write(to: input)
        let arguments = (layout ? ["-layout"] : []) + ["-enc", "UTF-8", "-nopgbrk", "-q", input.path, output.path]
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess(tool, arguments).run(timeout: .seconds(timeout)) {
                var info = stat()
                let written = stat(output.path, &info) == 0 ? Int(info.st_size) : 0
                return written > maxTextBytes ? "its text exceeds \(maxTextBytes / 1024 / 1024) MB" : nil
            }
        } catch {
            throw IntakeError.unsupportedFormat("\(error)")
        }
        switch outcome {
        case .killed(let reason):
            throw IntakeError.malformed("pdftotext \(reason)")
        case .signalled(let signal):
            throw IntakeError.malformed("pdftotext was stopped by signal \(signal)")
        case .exited(let code) where code != 0:
            throw IntakeError.malformed(
                "pdftotext could not read the PDF (exit status \(code)); it may be truncated or damaged")
        case .exited:
            break
        }
        let data = try FileBytes.read(output.path, limit: maxTextBytes)
        guard data.count <= maxTextBytes else {
            throw IntakeError.malformed("the PDF's text exceeds \(maxTextBytes / 1024 / 1024) MB")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Drops page numbers and running headers, and the spaces PDF text puts between Chinese and numbers.
    static func clean(_ text: String) -> String {
        let lines = text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var counts: [String: Int] = [:]
        for line in lines where !line.isEmpty && line.count <= 40 { counts[line, default: 0] += 1 }
        let pageNumber =
            #"^([-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}|\d{1,4}\s*/\s*\d{1,4})$"#
        var out: [String] = []
        for line in lines {
            if line.range(of: pageNumber, options: .regularExpression) != nil { continue }
            if let n = counts[line], n >= 3, !line.isEmpty { continue }  // a header or footer on every page
            out.append(tightenSpaces(line))
        }
        return out.joined(separator: "\n")
    }

    /// "增长 6.1%" → "增长6.1%", "1286.4 亿元" → "1286.4亿元": gaps between glyph runs, not words.
    static func tightenSpaces(_ line: String) -> String {
        let s = Array(line.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, c) in s.enumerated() {
            if c == " ", i > 0, i + 1 < s.count, isCJKOrDigit(s[i - 1]), isCJKOrDigit(s[i + 1]),
                !(isDigit(s[i - 1]) && isDigit(s[i + 1]))
            {
                continue
            }
            out.append(c)
        }
        return String(out)
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    private static func isCJKOrDigit(_ c: Unicode.Scalar) -> Bool {
        isDigit(c) || c == "%" || c == "." || (c.value >= 0x3000 && c.value <= 0x9FFF)
            || (c.value >= 0xFF00 && c.value <= 0xFFEF)
    }
}
