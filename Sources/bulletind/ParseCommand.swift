import ArgumentParser
import BulletinIntake
import BulletinParser
import Foundation

/// `bulletind parse`: a document in, indicators out.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Extract indicators from a bulletin: text, HTML, PDF or DOCX, in any Chinese charset.",
        discussion: """
            The format is told from the content (--content-type overrides), the charset from a \
            byte-order mark, valid UTF-8, the page's <meta charset> or, failing those, GB18030 \
            (--charset overrides).

            Examples:
              bulletind parse report.txt
              bulletind parse bulletin.html --format jsonl > indicators.jsonl
              bulletind parse 公报.pdf --format csv > indicators.csv
              cat report.txt | bulletind parse - --year 2024 --format csv
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, jsonl, csv
    }

    @Argument(help: "The document to read, or - for standard input.")
    var file: String = "-"

    @Option(help: "Output format: table, jsonl or csv.")
    var format: Format = .table

    @Option(help: "The year the document speaks for, when its text does not say (a 2024 work report: 2024).")
    var year: Int?

    @Flag(help: "Print the normalised text the extractor reads instead of indicators.")
    var showText = false

    @Flag(help: "Do not restore the reading order of text whose columns were read across.")
    var noLayout = false

    @Option(help: "Read the input as this format whatever it looks like: text, html, pdf, docx.")
    var contentType: String?

    @Option(help: "Read the input in this charset whatever it declares: utf-8, gb18030 (gbk, gb2312), big5.")
    var charset: String?

    private func charsetOption() throws -> Charset? {
        guard let charset else { return nil }
        guard let known = Charset(label: charset) else {
            throw CommandFailure(
                "--charset \(charset): not a charset bulletind reads (utf-8, gb18030, gbk, gb2312, big5)")
        }
        return known
    }

    private func formatOption() throws -> DocumentFormat? {
        guard let contentType else { return nil }
        if let format = DocumentFormat(rawValue: contentType.lowercased()) { return format }
        let detected = DocumentFormat.detect([], contentType: contentType)
        if contentType.contains("/") { return detected }
        throw CommandFailure("--content-type \(contentType): expected text, html, pdf, docx or a MIME type")
    }

    mutating func validate() throws {
        if let year, !(1900...2200).contains(year) {
            throw ValidationError("--year \(year) is not a plausible year")
        }
    }

    func run() throws {
        let bytes = try InputReader.read(file)
        let document: IntakeDocument
        do {
            document = try Intake.read(bytes, charset: try charsetOption(), format: try formatOption())
        } catch let error as IntakeError {
            throw CommandFailure("\(file): \(error)")
        }
        for warning in document.warnings { FileHandle.standardError.write(Data("warning: \(file): \(warning)\n".utf8)) }
        let parser = BulletinParser(options: .init(year: year, title: document.title, layout: !noLayout))
        let text = document.text
        if showText {
            StandardOutput.write(parser.normalizedText(of: text))
            return
        }
        switch format {
        case .jsonl:
            // streamed: a large document never holds all its indicators
            var buffer = ""
            parser.parse(text: text) { indicator in
                buffer += IndicatorFormatter.jsonLine(indicator) + "\n"
                if buffer.utf8.count > 1 << 16 {
                    StandardOutput.write(buffer)
                    buffer = ""
                }
            }
            StandardOutput.write(buffer)
        case .csv:
            let result = try parser.parse(text: text)
            StandardOutput.write(IndicatorFormatter.csv(result.indicators))
        case .table:
            let result = try parser.parse(text: text)
            let year = result.documentYear.map(String.init) ?? "unknown year"
            let source = [document.format.rawValue, document.charset?.rawValue, document.title].compactMap { $0 }
            StandardOutput.write("\(result.documentKind.rawValue), \(year) (\(source.joined(separator: ", ")))\n\n")
            StandardOutput.write(IndicatorFormatter.table(result.indicators))
        }
    }
}
