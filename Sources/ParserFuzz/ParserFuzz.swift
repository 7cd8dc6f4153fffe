import BulletinIntake
import BulletinParser
import Foundation

/// Runs intake and the parser on one input: each must return or throw its error, never crash or hang.
func exercise(_ bytes: UnsafeRawBufferPointer) {
    let raw = Array(bytes)
    // as served: charset detection, iconv, libxml2's HTML parser, tables
    for format in [nil, DocumentFormat.html] {
        if let document = try? Intake.read(raw, format: format) {
            _ = try? BulletinParser(options: .init(title: document.title)).parse(text: document.text)
        }
    }
    _ = try? Intake.read(raw, charset: .gb18030)
    _ = try? Intake.read(raw, charset: .big5)
    let parser = BulletinParser(options: .init(year: 2024))
    if let document = try? Intake.read(raw, format: .text), let result = try? parser.parse(text: document.text) {
        for indicator in result.indicators {
            precondition(indicator.start <= indicator.end, "offsets out of order")
            precondition(!indicator.value.isEmpty && !indicator.unit.isEmpty, "empty value or unit")
        }
    }
    // Lossy decoding feeds every input to the extractor too, invalid UTF-8 included.
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? parser.parse(text: text)
}

#if FUZZING
    /// libFuzzer's entry point (built with -DFUZZING and -sanitize=fuzzer; see `make fuzz`).
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        exercise(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
#else
    /// Without libFuzzer: replays the files (or directories of files) named on the command line.
    @main
    struct CorpusReplay {
        static func main() throws {
            var count = 0
            for path in CommandLine.arguments.dropFirst() {
                for file in files(at: path) {
                    let data = try Data(contentsOf: URL(fileURLWithPath: file))
                    data.withUnsafeBytes { exercise($0) }
                    count += 1
                }
            }
            print("replayed \(count) inputs, no crash")
        }

        static func files(at path: String) -> [String] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
            guard isDirectory.boolValue else { return [path] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.sorted().map { path + "/" + $0 }
        }
    }
#endif
