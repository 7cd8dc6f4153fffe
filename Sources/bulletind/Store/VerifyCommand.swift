import ArgumentParser
import BulletinStore
import Foundation

/// `bulletind verify`: is everything stored still what it was?
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Rehash every blob, check every version's blob and the index; exit 1 on any fault.",
        discussion: """
            Faults: a blob that does not match its hash, a version whose blob is missing, a failed \
            SQLite integrity check, temporary files left while no writer runs. Orphan blobs (no \
            version refers to them; an interrupted write leaves one) are listed but are not faults.
            """
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        let store = try store.open()
        let report = try storeCall { try store.verify() }
        var out = ""
        for fault in report.faults { out += "fault: \(fault)\n" }
        for note in report.notes { out += "note: \(note)\n" }
        let megabytes = Double(report.bytesChecked) / 1_048_576
        out +=
            "\(report.versions) versions, \(report.blobsChecked) blobs rehashed (\(String(format: "%.1f", megabytes)) MB), "
        out +=
            "\(report.faults.count) fault\(report.faults.count == 1 ? "" : "s"), \(report.notes.count) note\(report.notes.count == 1 ? "" : "s")\n"
        StandardOutput.write(out)
        if !report.isClean { throw ExitCode(1) }
    }
}
