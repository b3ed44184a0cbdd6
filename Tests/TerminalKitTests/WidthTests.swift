import Testing
@testable import TerminalKit

@Suite("Display width")
struct WidthTests {
    @Test func asciiIsOneColumnEach() {
        #expect(displayWidth("IN-MLA-2026-0031") == 16)
    }

    /// ASCII text is measured byte by byte (issue 14): the same widths as grapheme by grapheme,
    /// control characters and "\r\n" included, for strings and substrings.
    @Test func asciiShortcutAgreesWithGraphemes() {
        let ascii = (0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) }
        var texts = ["", "\r\n", "a\r\nb", "\u{1B}[2Jx", "tab\there", "\u{7F}"] + ascii.map { String($0) }
        for n in 0..<64 { texts.append(String((0..<n).map { ascii[($0 * 37 + n * 11) % ascii.count] })) }
        for text in texts {
            let graphemes = text.reduce(0) { $0 + $1.displayWidth }
            #expect(displayWidth(text) == graphemes, "\(text.debugDescription)")
            #expect(displayWidth(text.dropFirst()) == text.dropFirst().reduce(0) { $0 + $1.displayWidth })
        }
        #expect(displayWidth("IN-MLA-2026-0031 é") == 18, "one byte beyond ASCII takes the grapheme path")
    }

    @Test func cjkTakesTwoColumns() {
        #expect(displayWidth("日本語") == 6)
        #expect(displayWidth("한국") == 4)
        #expect(displayWidth("ｶﾀｶﾅ") == 4)  // halfwidth katakana stays narrow
        #expect(displayWidth("ＡＢ") == 4)  // fullwidth Latin is wide
    }

    @Test func combiningMarksTakeNoColumn() {
        #expect(displayWidth("e\u{301}") == 1)
        #expect(displayWidth("Ame\u{301}lie") == 6)
        #expect(displayWidth("\u{301}") == 0)
    }

    @Test func emojiTakeTwoColumns() {
        #expect(displayWidth("🇫🇷") == 2)
        #expect(displayWidth("👩‍⚖️") == 2)
        #expect(displayWidth("🙂") == 2)
        #expect(displayWidth("❤️") == 1)  // text symbol + VS16: one column, as wcwidth says
        #expect(displayWidth("✓") == 1)
        #expect(displayWidth("▶") == 1)
        #expect(displayWidth("…") == 1)
    }

    @Test func controlsTakeNoColumn() {
        #expect(displayWidth("\u{7}a\u{1B}") == 1)
        #expect(displayWidth("\u{200B}") == 0)
    }

    @Test func truncationAddsEllipsisAndFits() {
        #expect(TextFit.truncate("preservation", width: 8) == "preserv…")
        #expect(TextFit.truncate("short", width: 8) == "short")
        #expect(TextFit.truncate("日本語テキスト", width: 6) == "日本…")  // 4 + 1; a third CJK would make 7
        #expect(displayWidth(TextFit.truncate("日本語テキスト", width: 6)) <= 6)
        #expect(TextFit.truncateLeading("/var/lib/cadesk/cases.sqlite", width: 14) == "…/cases.sqlite")
        #expect(TextFit.truncate("abc", width: 0) == "")
    }

    @Test func padAlignsByColumns() {
        #expect(TextFit.pad("日本", width: 6) == "日本  ")
        #expect(TextFit.pad("42", width: 5, alignment: .right) == "   42")
        #expect(TextFit.pad("ab", width: 6, alignment: .center) == "  ab  ")
    }

    @Test func wrapBreaksAtSpacesAndLongWords() {
        #expect(TextFit.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextFit.wrap("abcdefghijkl", width: 5) == ["abcde", "fghij", "kl"])
        #expect(TextFit.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
    }
}

@Suite("Buffer")
struct BufferTests {
    @Test func writeClipsAtTheGivenWidth() {
        var b = Buffer(width: 10, height: 1)
        let used = b.write("preservation", x: 1, y: 0, maxWidth: 5)
        #expect(used == 5)
        #expect(b.lines == [" prese    "])
    }

    @Test func wideGlyphIsNeverSplitAtTheClip() {
        var b = Buffer(width: 8, height: 1)
        b.write("ab日本語", x: 0, y: 0, maxWidth: 5)  // a b 日(2) then 本 would need columns 4–5
        #expect(b.lines == ["ab日    "])
        #expect(b[2, 0].symbol == "日")
        #expect(b[3, 0].isContinuation)
        #expect(b[4, 0].symbol == " ")
    }

    @Test func wideGlyphAtTheRightEdgeBecomesASpace() {
        var b = Buffer(width: 5, height: 1)
        b.write("abcd日", x: 0, y: 0)
        #expect(b.lines == ["abcd "])
    }

    @Test func overwritingHalfAWideGlyphBlanksTheOtherHalf() {
        var b = Buffer(width: 6, height: 1)
        b.write("日本語", x: 0, y: 0)
        b.write("x", x: 3, y: 0)  // the right half of 本
        #expect(b.lines == ["日 x語"])
        b.write("y", x: 4, y: 0)  // the left half of 語
        #expect(b.lines == ["日 xy "])
        #expect(b.lines.allSatisfy { displayWidth($0) == 6 })
    }

    @Test func combiningMarkStaysWithItsLetter() {
        var b = Buffer(width: 6, height: 1)
        b.write("Ame\u{301}lie", x: 0, y: 0)
        #expect(b.lines == ["Ame\u{301}lie"])
        #expect(b[2, 0].symbol == "e\u{301}")
    }

    @Test func writtenTextIsSanitised() {
        var b = Buffer(width: 20, height: 1)
        b.write("ok\u{1B}[2Jgone?\u{7}", x: 0, y: 0)
        #expect(b.trimmedLines == ["okgone?"])
    }

    @Test func linesRoundTripThroughInitLines() {
        let b = Buffer(lines: ["ab", "日"])
        #expect(b.lines == ["ab", "日"])
        #expect(b.width == 2)
    }

    @Test func rightAlignedWriteInArea() {
        var b = Buffer(width: 10, height: 1)
        b.write("42", in: Rect(x: 0, y: 0, width: 10, height: 1), alignment: .right)
        #expect(b.lines == ["        42"])
    }

    @Test func setRefusesSymbolsThatAreNotOneVisibleGrapheme() {
        var b = Buffer(width: 5, height: 1)
        b.set(x: 0, y: 0, Cell("\u{1B}"))
        b.set(x: 1, y: 0, Cell("ab"))
        b.set(x: 2, y: 0, Cell("\u{301}"))
        b.set(x: 3, y: 0, Cell(""))
        b.set(x: 4, y: 0, Cell("é"))
        #expect(b.lines == ["    é"])
    }

    @Test func rectColumnsShareTheRest() {
        let r = Rect(x: 0, y: 0, width: 80, height: 10)
        #expect(r.columns([40, nil], spacing: 2).map(\.width) == [40, 38])
        #expect(r.columns([nil, nil], spacing: 0).map(\.x) == [0, 40])
        #expect(r.rows([1, nil, 1]).map(\.height) == [1, 8, 1])
    }

    @Test func plainListHasNoHeader() {
        var b = Buffer(width: 20, height: 3)
        Table.list(["France", "Italy", "日本"], state: TableState(selected: 2)).render(into: &b, area: b.area)
        #expect(b.trimmedLines == [" France", " Italy", "▶日本"])
    }

    @Test func spansMixStylesOnOneLine() {
        var b = Buffer(width: 20, height: 1)
        let used = b.write([Span("✓", .ok), " a authority  ", Span("✗", .error), " d custodian"], x: 1, y: 0, maxWidth: 18)
        #expect(used == 18)
        #expect(b.lines == [" ✓ a authority  ✗ d "])
        #expect(b[1, 0].style == .ok)
        #expect(b[16, 0].style == .error)
    }
}
