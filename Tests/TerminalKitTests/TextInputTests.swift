import Testing
import TerminalKit

@Suite("Text input")
struct TextInputTests {
    func typed(_ s: String, then keys: [Key] = []) -> TextInput {
        var t = TextInput()
        for c in s { t.handle(.char(c)) }
        for k in keys { t.handle(k) }
        return t
    }

    @Test func typingInsertsAtTheCursor() {
        let t = typed("ExampleHost", then: [.home, .char("<"), .end, .char(">")])
        #expect(t.text == "<ExampleHost>")
    }

    @Test func arrowsBackspaceAndDelete() {
        let t = typed("abcd", then: [.left, .left, .backspace, .delete])
        #expect(t.text == "ad")
        #expect(t.cursor == 1)
    }

    @Test func ctrlUErasesToTheStart() {
        #expect(typed("one two three", then: [.left, .left, .ctrl("u")]).text == "ee")
    }

    @Test func ctrlWErasesTheWordBeforeTheCursor() {
        #expect(typed("judicial order  ", then: [.ctrl("w")]).text == "judicial ")
        #expect(typed("a b", then: [.ctrl("w"), .ctrl("w"), .ctrl("w")]).text == "")
    }

    @Test func ctrlKErasesToTheEnd() {
        #expect(typed("keep drop", then: [.home, .alt("f"), .ctrl("k")]).text == "keep")
    }

    @Test func utf8InputIsOneCharacterPerKey() {
        let t = typed("Müller 日本", then: [.backspace])
        #expect(t.text == "Müller 日")
        #expect(t.cursor == 8)
    }

    @Test func controlCharactersNeverEnterTheText() {
        var t = TextInput("a\u{1B}[31mb")
        t.insert("\u{7}c\u{202E}")
        #expect(t.text == "abc")
    }

    @Test func editingKeysAreConsumedOthersAreNot() {
        var t = TextInput()
        let used = [Key.char("x"), .enter, .tab, .escape, .ctrl("u")].map { t.handle($0) }
        #expect(used == [true, false, false, false, true])
    }

    @Test func maxLengthStopsInput() {
        var t = TextInput(maxLength: 3)
        for c in "20260301" { t.handle(.char(c)) }
        #expect(t.text == "202")
    }

    @Test func viewScrollsToKeepTheCursorVisible() {
        var buffer = Buffer(width: 12, height: 1)
        let t = typed("the quick brown fox")
        let cursor = t.render(into: &buffer, area: Rect(x: 1, y: 0, width: 10, height: 1), focused: true)
        #expect(buffer.lines == [" brown fox  "])
        #expect(cursor == Position(x: 10, y: 0))
        var home = t
        home.handle(.home)
        let c2 = home.render(into: &buffer, area: Rect(x: 1, y: 0, width: 10, height: 1), focused: true)
        #expect(buffer.lines == [" the quick  "])
        #expect(c2 == Position(x: 1, y: 0))
    }

    @Test func wideGlyphsScrollWithoutBeingCut() {
        var buffer = Buffer(width: 7, height: 1)
        let t = typed("日本語です")
        let cursor = t.render(into: &buffer, area: Rect(x: 0, y: 0, width: 7, height: 1), focused: true)
        #expect(buffer.lines == ["語です "])
        #expect(cursor == Position(x: 6, y: 0))
    }

    @Test func cursorInTheMiddleOfWideText() {
        var buffer = Buffer(width: 10, height: 1)
        let t = typed("日本語", then: [.left, .left])
        #expect(t.render(into: &buffer, area: buffer.area, focused: true) == Position(x: 2, y: 0))
    }

    @Test func placeholderShowsWhenEmpty() {
        var buffer = Buffer(width: 12, height: 1)
        TextInput().render(into: &buffer, area: buffer.area, focused: false, placeholder: "YYYY-MM-DD")
        #expect(buffer.trimmedLines == ["YYYY-MM-DD"])
        #expect(buffer[0, 0].style.role == .muted)
    }
}

@Suite("Text area")
struct TextAreaTests {
    @Test func enterSplitsLinesAndBackspaceJoinsThem() {
        var a = TextArea()
        for c in "first" { a.handle(.char(c)) }
        a.handle(.enter)
        for c in "second" { a.handle(.char(c)) }
        #expect(a.text == "first\nsecond")
        a.handle(.home)
        a.handle(.backspace)
        #expect(a.text == "firstsecond")
    }

    @Test func upAndDownKeepTheColumn() {
        var a = TextArea("abcdef\nxy\nlonger line")
        a.handle(.up)  // from the end of "longer line" (col 11) to the end of "xy"
        a.handle(.char("!"))
        #expect(a.text == "abcdef\nxy!\nlonger line")
        a.handle(.up)
        a.handle(.char("?"))
        #expect(a.text == "abc?def\nxy!\nlonger line")
        let moved = a.handle(.up)
        #expect(!moved)  // at the top: the form may move focus
    }

    @Test func wrapsAndScrollsToTheCursor() {
        var buffer = Buffer(width: 10, height: 2)
        let a = TextArea("Preservation of content data requires a judicial order")
        let cursor = a.render(into: &buffer, area: buffer.area, focused: true)
        // 9 columns per row (the last is kept for the cursor), broken at spaces; the end is shown.
        #expect(buffer.trimmedLines == ["judicial", "order"])
        #expect(cursor == Position(x: 5, y: 1))
    }

    @Test func multilineTextIsSanitisedButKeepsNewlines() {
        #expect(TextArea("one\r\ntwo\u{1B}[2J").text == "one\ntwo")
    }
}
