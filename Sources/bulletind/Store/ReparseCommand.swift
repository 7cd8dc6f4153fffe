import ArgumentParser
import BulletinParser
import BulletinStore
import BulletinWatch
import Foundation

/// `bulletind reparse`: the current parser over stored documents.
struct ReparseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reparse",
        abstract: "Run the current parser over stored documents and record what it finds.",
        discussion: """
            History improves when the parser does: each version keeps its document, and its \
            indicators are replaced by what this bulletind reads in it. Versions whose document was \
            removed by retention keep their indicators.

            Example:
              bulletind reparse --state ./state --source hexi-report
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Only this source.")
    var source: String?

    func run() throws {
        let store = try store.open()
        if let source { _ = try storeCall { try store.versions(of: source) } }
        let reader = DocumentReader()
        var lastReport = Date.distantPast
        let (reparsed, skipped) = try storeCall {
            try store.reparse(
                source: source,
                parse: { version, bytes in
                    try reader.read(bytes, contentType: version.contentType).result.indicators
                },
                progress: { done, total in
                    if Date().timeIntervalSince(lastReport) > 1 || done == total {
                        lastReport = Date()
                        FileHandle.standardError.write(Data("reparsed \(done)/\(total)\r".utf8))
                    }
                })
        }
        FileHandle.standardError.write(Data("\n".utf8))
        StandardOutput.write(
            "\(reparsed) version\(reparsed == 1 ? "" : "s") reparsed with parser \(BulletinParser.version)"
                + (skipped > 0 ? ", \(skipped) without a stored document kept as they were" : "") + "\n")
    }
}
