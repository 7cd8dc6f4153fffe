import ArgumentParser
import BulletinParser
import Foundation

/// `bulletind parse`: a document in, indicators out.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Extract indicators from a bulletin (UTF-8 text).",
        discussion: """
            Examples:
              bulletind parse report.txt
              bulletind parse report.txt --format jsonl > indicators.jsonl
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

    mutating func validate() throws {
        if let year, !(1900...2200).contains(year) {
            throw ValidationError("--year \(year) is not a plausible year")
        }
    }

    func run() throws {
        let bytes = try InputReader.read(file)
        let parser = BulletinParser(options: .init(year: year, layout: !noLayout))
        let text: String
        do {
            text = try DocumentDecoder.decodeUTF8(bytes)
        } catch let error as ParserError {
            throw CommandFailure("\(file): \(error)")
        }
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
            StandardOutput.write("\(result.documentKind.rawValue), \(year)\n\n")
            StandardOutput.write(IndicatorFormatter.table(result.indicators))
        }
    }
}
