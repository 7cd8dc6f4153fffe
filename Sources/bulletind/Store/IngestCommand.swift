import ArgumentParser
import BulletinIntake
import BulletinStore
import BulletinWatch
import Foundation

/// `bulletind ingest`: local documents in as new versions of a source.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Store local documents as new versions of a source (backfill from archives).",
        discussion: """
            Each FILE is read (text, HTML, PDF or DOCX in any Chinese charset), parsed and stored as \
            the source's next version, in the order given; a file identical to the latest version \
            makes no new version. A source named for the first time is created. One line a file is \
            printed once the version is durably stored.

            Examples:
              bulletind ingest --state ./state tongliao-report 2023.html 2024.html
              bulletind ingest --config /etc/bulletind/bulletind.yaml hexi-report report.pdf --url https://…
            """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The source id: lowercase letters, digits and -.")
    var source: String

    @Argument(help: "Documents to store, oldest first.")
    var files: [String]

    @Option(help: "The URL to record for the source (default: the file's path as a file:// URL).")
    var url: String?

    @Option(help: "The region, carried into events (通辽市).")
    var region: String?

    @Option(help: "The year the documents speak for, when their text does not say.")
    var year: Int?

    func validate() throws {
        guard Snapshot.isValidSourceId(source) else {
            throw ValidationError("source id \"\(source)\": use lowercase letters, digits and -")
        }
        guard !files.isEmpty else { throw ValidationError("name at least one file") }
    }

    func run() throws {
        let store = try store.open(create: true)
        let reader = DocumentReader(year: year)
        for file in files {
            let bytes = try InputReader.read(file)
            let fileURL = url ?? URL(fileURLWithPath: file).absoluteString
            var snapshot: Snapshot
            do {
                let (read, warnings) = try reader.snapshot(of: bytes, sourceId: source, url: fileURL)
                for warning in warnings { FileHandle.standardError.write(Data("warning: \(file): \(warning)\n".utf8)) }
                snapshot = read
            } catch let error as IntakeError {
                throw CommandFailure("\(file): \(error)")
            }
            snapshot.region = region
            let outcome = try storeCall { try store.record(snapshot) }
            StandardOutput.write(Self.describe(outcome, file: file) + "\n")
        }
    }

    static func describe(_ outcome: RecordOutcome, file: String) -> String {
        let version = outcome.version
        let hash = String(version.blob.prefix(12))
        switch outcome {
        case .unchanged:
            return "\(file): unchanged, still \(version.sourceId) v\(version.sequence) (sha256 \(hash))"
        case .created(_, let changes, let events):
            var line = "\(file): stored \(version.sourceId) v\(version.sequence) (sha256 \(hash), "
            line += "\(version.size) bytes, \(version.indicatorCount) indicators"
            if version.sequence > 1 {
                line += "; " + changes.summary
            }
            return line + "; \(events) event\(events == 1 ? "" : "s") queued)"
        }
    }
}
