import Foundation
import Testing
@testable import Casework

/// Casework trims without Foundation (`Trimming.swift`); what it trims must be exactly what
/// Foundation's `.whitespaces` and `.whitespacesAndNewlines` trim, or an input the engine once
/// called blank would now be given (or the reverse).
struct TrimmingTests {
    /// Every scalar of the Basic Multilingual Plane, alone and around a letter.
    @Test func everyScalarTrimsAsFoundationDoes() {
        var differ: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let c = String(Character(scalar))
            for text in [c, c + "x" + c, "x" + c, c + c + "x"] {
                if text.trimmedOfWhitespace != text.trimmingCharacters(in: .whitespacesAndNewlines)
                    || text.trimmedOfSpaces != text.trimmingCharacters(in: .whitespaces) {
                    differ.append(String(format: "U+%04X", value))
                    break
                }
            }
            if blank(c) != c.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                differ.append(String(format: "blank U+%04X", value))
            }
        }
        #expect(differ.isEmpty, "\(differ.prefix(20))")
    }

    /// Seeded random strings of spaces, newlines, letters, combining marks and wide glyphs.
    @Test func randomTextTrimsAsFoundationDoes() {
        var rng = SeededGenerator(seed: 0x7a11)
        let pieces = [" ", "\t", "\n", "\r\n", "\u{00A0}", "\u{2028}", "\u{3000}", "\u{200B}", "a", "é",
                      "e\u{0301}", "\u{0301}", "漢", "👍🏽", "\u{FEFF}", "\u{85}", "\u{0B}"]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(text.trimmedOfWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.unicodeScalars.map { $0.value })")
            #expect(text.trimmedOfSpaces == text.trimmingCharacters(in: .whitespaces), "\(text.unicodeScalars.map { $0.value })")
            #expect(Substring(text).trimmedOfWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}

/// SplitMix64: the same strings on every run.
private struct SeededGenerator: RandomNumberGenerator {
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
