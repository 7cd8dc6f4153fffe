import XCTest

@testable import BulletinParser

/// Parses `text` and returns its indicators.
func indicators(_ text: String, year: Int? = nil) throws -> [Indicator] {
    try BulletinParser(options: .init(year: year)).parse(text: text).indicators
}

/// The one indicator whose subject contains `subject` and whose kind is `kind`.
func only(
    _ list: [Indicator], _ subject: String, _ kind: IndicatorKind, file: StaticString = #filePath, line: UInt = #line
) throws -> Indicator {
    let found = list.filter { $0.subject.contains(subject) && $0.kind == kind }
    guard found.count == 1 else {
        XCTFail(
            "expected one \(kind) indicator for \(subject), found \(found.count) in \(list.map { "\($0.subject) \($0.value)\($0.unit)" })",
            file: file, line: line)
        throw XCTSkip("no unique match")
    }
    return found[0]
}

/// "subject|kind|value|unit" for each indicator, for compact assertions.
func summary(_ list: [Indicator]) -> [String] {
    list.map { "\($0.subject)|\($0.kind.rawValue)|\($0.value)|\($0.unit)" }
}

/// How well `left` reads on into `right`, by a join scorer that knows no document's character pairs.
func join(_ left: String, _ right: String) -> Double {
    let s = Array((left + right).unicodeScalars)
    let cut = left.unicodeScalars.count
    return JoinScorer(bigrams: KeyTable()).score(s, 0..<cut, cut..<s.count)
}
