import Foundation

@testable import BulletinParser

/// Sets clean paragraphs in columns and reads them across, as newspaper extraction does.
///
/// A paragraph is cut into lines of `width` characters, the lines are dealt into `columns` columns
/// top to bottom, and each physical line then holds one line of every column, separated by a space
/// (sometimes none). Now and then a heading stands on its own line between rows.
struct InterleaveGenerator {
    var columns: Int
    var width: Int
    var rng: SeededGenerator

    /// Chance that the space between two fragments is missing.
    var missingSpace = 0.1
    /// Chance that a heading line is dropped in between two rows.
    var heading = 0.15

    mutating func interleave(_ paragraph: String) -> String {
        let scalars = Array(paragraph.unicodeScalars)
        var lines: [String] = []
        var i = 0
        while i < scalars.count {
            lines.append(String(scalars: scalars[i..<min(i + width, scalars.count)]))
            i += width
        }
        let height = (lines.count + columns - 1) / columns
        var rows: [String] = []
        for r in 0..<height {
            var row = ""
            for c in 0..<columns {
                let index = c * height + r
                guard index < lines.count else { continue }
                if !row.isEmpty && Double.random(in: 0..<1, using: &rng) >= missingSpace { row += " " }
                row += lines[index]
            }
            rows.append(row)
        }
        var out = ""
        for row in rows {
            if !out.isEmpty {
                if Double.random(in: 0..<1, using: &rng) < heading {
                    out += "\n\n加快建设现代化产业体系\n\n"
                } else if Double.random(in: 0..<1, using: &rng) >= missingSpace {
                    out += " "
                }
            }
            out += row
        }
        return out
    }
}

/// A small deterministic generator (SplitMix64), so every run of the test sees the same layouts.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
