import Testing
import TerminalKit

@Suite("Sanitising untrusted text")
struct SanitizeTests {
    @Test func clearScreenSequenceIsRemoved() {
        #expect(Sanitize.terminalSafe("facts\u{1B}[2J\u{1B}[Hhere") == "factshere")
    }

    @Test func colourSequenceIsRemoved() {
        #expect(Sanitize.terminalSafe("\u{1B}[1;31mred\u{1B}[0m") == "red")
    }

    @Test func osc52ClipboardWriteIsRemovedWithItsPayload() {
        #expect(Sanitize.terminalSafe("a\u{1B}]52;c;cm0gLXJmIH4=\u{7}b") == "ab")
        #expect(Sanitize.terminalSafe("a\u{1B}]52;c;cm0gLXJmIH4=\u{1B}\\b") == "ab")
        #expect(Sanitize.terminalSafe("a\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\b") == "alinkb")
    }

    @Test func eightBitC1ControlsAndTheirSequencesAreRemoved() {
        #expect(Sanitize.terminalSafe("a\u{9B}2Jb") == "ab")  // 8-bit CSI
        #expect(Sanitize.terminalSafe("a\u{9D}52;c;x\u{9C}b") == "ab")  // 8-bit OSC … ST
        #expect(Sanitize.terminalSafe("a\u{85}b\u{8D}c") == "a bc")  // NEL is a line break
    }

    @Test func dcsAndTwoByteEscapesAreRemoved() {
        #expect(Sanitize.terminalSafe("a\u{1B}P1$qm\u{1B}\\b") == "ab")
        #expect(Sanitize.terminalSafe("a\u{1B}cb\u{1B}(Bc\u{1B}#8d") == "abcd")
    }

    @Test func bidiOverridesAreRemoved() {
        #expect(Sanitize.terminalSafe("invoice\u{202E}txt.exe") == "invoicetxt.exe")
        #expect(Sanitize.terminalSafe("\u{2066}x\u{2069}\u{200F}") == "x")
    }

    @Test func controlsAndDelAreRemoved() {
        #expect(Sanitize.terminalSafe("a\u{0}b\u{7}c\u{8}d\u{7F}e") == "abcde")
    }

    @Test func lineBreaksAndTabsBecomeSpaces() {
        #expect(Sanitize.terminalSafe("one\ntwo\tthree\r\nfour\u{2028}five") == "one two three four five")
    }

    @Test func multilineKeepsNewlines() {
        #expect(Sanitize.terminalSafeMultiline("one\r\ntwo\rthree\n\u{1B}[31mfour") == "one\ntwo\nthree\nfour")
    }

    @Test func ordinaryTextIsUntouched() {
        let text = "Müller · 日本語 · e\u{301} · 🇫🇷 · art. 42.9 — ok"
        #expect(Sanitize.terminalSafe(text) == text)
        #expect(Sanitize.isTerminalSafe(text))
    }

    @Test func unterminatedSequenceSwallowsTheRest() {
        // An OSC that never ends must not leak its payload.
        #expect(Sanitize.terminalSafe("a\u{1B}]52;c;secret") == "a")
        #expect(Sanitize.terminalSafe("trailing\u{1B}") == "trailing")
    }
}
