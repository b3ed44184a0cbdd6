import Testing
import TerminalKit

func refusalForm() -> Form {
    Form([
        .checks("grounds", "Grounds allowed for a preservation request (art. 42.6):", [
            FormOption(value: "40.21b", label: "40.21(b)", detail: "sovereignty, security, ordre public, essential interests"),
            FormOption(value: "40.21c", label: "40.21(c)", detail: "our law would forbid this in a similar domestic case"),
            FormOption(value: "40.22", label: "40.22", detail: "discriminatory purpose"),
        ], required: true),
        .area("reasons", "Reasons", rows: 1, note: "— required (art. 40.25)", required: true),
        .date("effective", "Effective date", "2026-03-01", required: true),
    ], submitLabel: "Refuse")
}

/// One field of every kind, the way a registration form mixes them.
func registrationForm() -> Form {
    Form([
        .line("counterpart", "Requesting State", note: "ISO3, e.g. FRA"),
        .area("facts", "Facts", rows: 2),
        .choice("urgency", "Urgency", [FormOption("normal"), FormOption(value: "urgent", label: "urgent", detail: "art. 40.13")]),
        .checks("purposes", "Purposes (art. 40.3):", [
            FormOption(value: "stored-data", label: "stored-data", detail: "art. 40.4"),
            FormOption(value: "realtime-traffic", label: "realtime-traffic", detail: "art. 45"),
        ]),
        .toggle("confidential", "Confidential", note: "art. 40.20"),
        .line("item:authority", "40.15(a) authority making the request", stacked: true),
    ], submitLabel: "Register")
}

@Suite("Form and dialog")
struct FormTests {
    @Test func actDialogAt80x24() {
        var form = refusalForm()
        form.handle(.down)
        form.handle(.space)  // tick 40.21(c)
        form.handle(.tab)  // to reasons
        form.type("Preservation of content data requires a judicial order that we cannot obtain")
        var buffer = Buffer(width: 80, height: 24)
        buffer.write("IN-PRES-2026-0014 · preservation · incoming · France", x: 1, y: 0)
        let cursor = form.renderDialog(title: "Refuse IN-PRES-2026-0014", intro: ["Refuse the request, citing its grounds (art. 42.6)"],
                                       into: &buffer, over: buffer.area)
        expectScreen(buffer, [
            " IN-PRES-2026-0014 · preservation · incoming · France",
            "",
            "",
            "",
            "",
            " ┌ Refuse IN-PRES-2026-0014 ──────────────────────────────────────────────────┐",
            " │ Refuse the request, citing its grounds (art. 42.6)                         │",
            " │                                                                            │",
            " │ Grounds allowed for a preservation request (art. 42.6):                    │",
            " │   [ ] 40.21(b)  sovereignty, security, ordre public, essential interests   │",
            " │   [x] 40.21(c)  our law would forbid this in a similar domestic case       │",
            " │   [ ] 40.22     discriminatory purpose                                     │",
            " │ Reasons — required (art. 40.25)                                            │",
            " │ ┌────────────────────────────────────────────────────────────────────────┐ │",
            " │ │ cannot obtain                                                          │ │",
            " │ └────────────────────────────────────────────────────────────────────────┘ │",
            " │ Effective date  2026-03-01                                      YYYY-MM-DD │",
            " │                                                   [ Cancel ]   [ Refuse ]  │",
            " └────────────────────────────────────────────────────────────────────────────┘",
            "", "", "", "", "",
        ])
        // The one-row text area shows the row being typed, and the cursor after "obtain".
        #expect(cursor == Position(x: 18, y: 14))
        #expect(form.text("reasons") == "Preservation of content data requires a judicial order that we cannot obtain")
        #expect(form.choices("grounds") == ["40.21c"])
        // Styles: the focused label is the accent, the ticked row under the cursor is not selected
        // (the focus left the list), the save button is the accent until it has the focus.
        #expect(buffer[3, 12].style == Style(.accent, [.bold]))
        #expect(buffer[5, 10].style == .normal)
        #expect(buffer[67, 17].style == Style(.accent, [.bold]))
        #expect(buffer[20, 16].style == Style(.normal, [.underline]))
    }

    @Test func focusMovesThroughFieldsThenSaveThenCancel() {
        var form = refusalForm()
        #expect(form.focus == 0)
        form.handle(.tab); form.handle(.tab)
        #expect(form.focusedField?.id == "effective")
        form.handle(.tab)
        #expect(form.submitFocused)
        form.handle(.tab)
        #expect(form.cancelFocused)
        form.handle(.tab)  // Cancel is the last stop
        #expect(form.cancelFocused)
        #expect(form.handle(.enter) == .cancel)
        form.handle(.backTab)
        #expect(form.handle(.space) == .submit)
        #expect(form.handle(.enter) == .submit)
        form.handle(.up)
        #expect(form.focusedField?.id == "effective")
        // Enter on a field moves on rather than saving; Ctrl-S saves from anywhere; Esc cancels.
        #expect(form.handle(.enter) == .handled)
        #expect(form.submitFocused)
        form.focus = 1
        #expect(form.handle(.ctrl("s")) == .submit)
        #expect(form.handle(.escape) == .cancel)
        // Back into a tick list from below lands on its last option; ↑ walks it, then leaves it.
        form.handle(.backTab)
        form.handle(.space)
        #expect(form.choices("grounds") == ["40.22"])
        form.handle(.up); form.handle(.up); form.handle(.up)
        #expect(form.focus == 0)
        form.handle(.backTab)  // the first field is the first stop
        #expect(form.focus == 0)
        #expect(form.handle(.char("q")) == .unhandled)
    }

    @Test func keysMeanWhatTheCallersKeyTableSays() {
        // An application that moves with Ctrl-N and saves with F2: Tab and Ctrl-S mean nothing.
        let keys = KeyTable<StandardCommand>([
            KeyBinding(.nextField, name: "nextField", keys: [.ctrl("n")], help: "Next", context: .form),
            KeyBinding(.save, name: "save", keys: [.function(2)], help: "Save", context: .form),
        ])
        var form = refusalForm()
        for key in [Key.tab, .ctrl("s")] {
            #expect(form.handle(key, command: keys.command(for: key, in: [.form])) == .unhandled)
        }
        form.handle(.ctrl("n"), command: keys.command(for: .ctrl("n"), in: [.form]))
        #expect(form.focusedField?.id == "reasons")
        #expect(form.handle(.function(2), command: keys.command(for: .function(2), in: [.form])) == .submit)
    }

    @Test func everyKindOfFieldAt60Columns() {
        var form = registrationForm()
        #expect(!form.isDirty)
        form.type("fra")
        form.handle(.tab)
        form.type("Phishing kit")
        form.handle(.enter)  // a new line inside the area
        form.type("logs")
        form.handle(.tab)
        form.handle(.right)
        form.handle(.tab)
        form.handle(.down); form.handle(.char("x"))
        form.handle(.down)  // past the last option: the toggle
        form.handle(.space)
        form.handle(.tab)
        form.type("Prosecutor")
        form.handle(.backTab); form.handle(.backTab); form.handle(.backTab)  // back to the choice
        let (buffer, cursor) = form.rendered(width: 60, height: 16)
        expectScreen(buffer, [
            "Requesting State  fra                         ISO3, e.g. FRA",
            "Facts",
            "┌──────────────────────────────────────────────────────────┐",
            "│ Phishing kit                                             │",
            "│ logs                                                     │",
            "└──────────────────────────────────────────────────────────┘",
            "Urgency           ◀ urgent ▶  art. 40.13",
            "Purposes (art. 40.3):",
            "  [ ] stored-data       art. 40.4",
            "  [x] realtime-traffic  art. 45",
            "Confidential      [x]                             art. 40.20",
            "40.15(a) authority making the request",
            "    Prosecutor",
            "",
            "",
            "                                  [ Cancel ]   [ Register ]",
        ])
        #expect(cursor == nil)  // a choice has no text cursor
        #expect(buffer[18, 6].style == Style(.normal, [.underline]))
        #expect(buffer[30, 6].style == .muted)
        #expect(form.text("counterpart") == "fra")
        #expect(form.text("facts") == "Phishing kit\nlogs")
        #expect(form.text("urgency") == "urgent")
        #expect(form.choices("purposes") == ["realtime-traffic"])
        #expect(form.flag("confidential"))
        #expect(form.text("item:authority") == "Prosecutor")
        #expect(form.isDirty)
        // Changing a choice back and forth is no change.
        var fresh = registrationForm()
        fresh.focus = 2
        fresh.handle(.right); fresh.handle(.left)
        #expect(!fresh.isDirty)
    }

    @Test func validationMessagesAppearUnderTheirFields() {
        var form = refusalForm()
        form["effective"] = .date("effective", "Effective date", "2026-02-30")
        form.focus = 2
        let valid = form.validate()
        #expect(!valid)
        #expect(form.focus == 0)
        let (buffer, _) = form.rendered(width: 60, height: 16)
        expectScreen(buffer, [
            "Grounds allowed for a preservation request (art. 42.6):",
            "  [ ] 40.21(b)  sovereignty, security, ordre public, essenti",
            "  [ ] 40.21(c)  our law would forbid this in a similar domes",
            "  [ ] 40.22     discriminatory purpose",
            "  ✗ tick at least one",
            "Reasons — required (art. 40.25)",
            "┌──────────────────────────────────────────────────────────┐",
            "│                                                          │",
            "└──────────────────────────────────────────────────────────┘",
            "  ✗ required",
            "Effective date  2026-02-30                        YYYY-MM-DD",
            "  ✗ not a date: write YYYY-MM-DD",
            "",
            "",
            "",
            "                                    [ Cancel ]   [ Refuse ]",
        ])
        #expect(buffer[2, 4].style == .error)
        // Changing a field takes its message away; the others stay until they are changed.
        form.handle(.space)
        #expect(form["grounds"]?.error == nil)
        #expect(form["reasons"]?.error == "required")
        form.handle(.tab)
        form.handle(.left)  // moving the cursor changes nothing
        #expect(form["reasons"]?.error == "required")
        form.handle(.char("n"))
        #expect(form["reasons"]?.error == nil)
        form["effective"] = .date("effective", "Effective date", "2024-02-29")
        let fixed = form.validate()
        #expect(fixed)
        #expect(!form.hasErrors)
    }

    @Test func applicationErrorShowsInPlaceAndTypedTextStays() {
        var form = refusalForm()
        form.focus = 1
        form.type("no order")
        form.error = "refuse: a preservation request may be refused only on the grounds of art. 42.6 (art. 42.6)"
        form.setError("tick the ground that applies", for: "grounds")
        #expect(form.hasErrors)
        #expect(form.height(width: 60) == 2 + 5 + 4 + 1 + 1)
        let (buffer, _) = form.rendered(width: 60, height: 14)
        expectScreen(buffer, [
            "✗ refuse: a preservation request may be refused only on the",
            "grounds of art. 42.6 (art. 42.6)",
            "Grounds allowed for a preservation request (art. 42.6):",
            "  [ ] 40.21(b)  sovereignty, security, ordre public, essenti",
            "  [ ] 40.21(c)  our law would forbid this in a similar domes",
            "  [ ] 40.22     discriminatory purpose",
            "  ✗ tick the ground that applies",
            "Reasons — required (art. 40.25)",
            "┌──────────────────────────────────────────────────────────┐",
            "│ no order                                                 │",
            "└──────────────────────────────────────────────────────────┘",
            "Effective date  2026-03-01                        YYYY-MM-DD",
            "",
            "                                    [ Cancel ]   [ Refuse ]",
        ])
        #expect(buffer[0, 1].style == .error)
        #expect(form.text("reasons") == "no order")
        form.clearErrors()
        #expect(!form.hasErrors)
    }

    @Test func wideCharactersKeepTheirColumns() {
        var form = Form([
            .line("title", "件名", "サイバー"),
            .choice("state", "国", [FormOption(value: "JPN", label: "日本", detail: "art. 40.12")]),
            .checks("items", "項目", [FormOption(value: "a", label: "証拠", detail: "保全"), FormOption(value: "b", label: "b", detail: "x")]),
        ], submitLabel: "保存")
        form.type("攻撃")
        let (buffer, cursor) = form.rendered(width: 30, height: 6)
        expectScreen(buffer, [
            "件名  サイバー攻撃",
            "国    日本  art. 40.12",
            "項目",
            "  [ ] 証拠  保全",
            "  [ ] b     x",
            "        [ Cancel ]   [ 保存 ]",
        ])
        // The cursor sits after 6 wide characters: 6 (labels) + 12 columns.
        #expect(cursor == Position(x: 18, y: 0))
        // A field narrower than its text scrolls; a wide glyph is never cut in half.
        let (narrow, narrowCursor) = form.rendered(width: 13, height: 4)
        #expect(narrowCursor == Position(x: 10, y: 0))
        #expect(narrow.trimmedLines[0] == "件名  攻撃")
    }

    @Test func tallFormScrollsToTheFocusAndKeepsTheButtons() {
        var form = registrationForm()
        form.focus = 5  // the stacked line at the bottom
        let (buffer, cursor) = form.rendered(width: 60, height: 5)
        expectScreen(buffer, [
            "  [ ] realtime-traffic  art. 45",
            "Confidential      [ ]                             art. 40.20",
            "40.15(a) authority making the request",
            "",
            // Fields above are out of view: the button row says so.
            "↑ more above                      [ Cancel ]   [ Register ]",
        ])
        #expect(cursor == Position(x: 4, y: 3))
        #expect(form.rendered(width: 60, height: 40).0.trimmedLines.allSatisfy { !$0.contains("more") })
        form.focus = 1  // the text area: its box is drawn as far as the form shows it
        let whole = form.rendered(width: 60, height: 6).0.trimmedLines
        #expect(whole[0] == "Facts")
        #expect(whole[4].hasPrefix("└"))
        let cut = form.rendered(width: 60, height: 5).0.trimmedLines
        #expect(!cut.contains { $0.hasPrefix("└") })
        #expect(cut[1].hasPrefix("┌") && cut[4].hasPrefix("↑ more above · ↓ more below"))
    }

    @Test func aTextAreaCutByTheTopEdgeShowsItsText() {
        var form = Form([.area("facts", "Facts", "one\ntwo\nthree", rows: 3), .line("a", "A"), .line("b", "B")])
        form.focus = 2
        let lines = form.rendered(width: 40, height: 5).0.trimmedLines
        #expect(lines[0] == "│ three                                │")
        #expect(lines[1].hasPrefix("└"))
        #expect(lines[4].hasPrefix("↑ more above"))
    }

    @Test func aDateRefusesALetterAndSaysWhy() {
        var form = Form([.date("on", "Effective date")])
        form.handle(.char("2"))
        form.handle(.char("x"))
        #expect(form.text("on") == "2")
        #expect(form.notice == "Effective date: “x” not typed — a date is digits and dashes, YYYY-MM-DD")
        #expect(form.fields[0].error == "“x” not typed — a date is digits and dashes, YYYY-MM-DD")
        form.handle(.char("0"))
        #expect(form.notice == nil && form.fields[0].error == nil && form.text("on") == "20")
        form = Form([.date("on", "Effective date", "2026-03-01")])
        form.handle(.char("5"))
        #expect(form.notice?.contains("the date is complete") == true && form.text("on") == "2026-03-01")
    }

    @Test func aTickListMovesWithJAndKAndTicksWithX() {
        var form = Form([.checks("p", "Purposes", [FormOption("a"), FormOption("b")]), .line("n", "N")])
        form.handle(.char("j"))
        form.handle(.char("x"))
        #expect(form.choices("p") == ["b"])
        form.handle(.char("k"))
        form.handle(.space)
        #expect(form.choices("p") == ["a", "b"])
        form.handle(.char("j")); form.handle(.char("j"))  // past the last choice: the next field
        #expect(form.focusedField?.id == "n")
    }

    @Test func dialogsAreCentredAndFitTheScreen() {
        let dialog = Dialog(title: "Commands", width: 90, height: 30)
        #expect(dialog.frame(on: Rect(x: 0, y: 0, width: 80, height: 24)) == Rect(x: 0, y: 0, width: 80, height: 24))
        #expect(Dialog(title: "t", width: 40, height: 10).frame(on: Rect(x: 0, y: 0, width: 80, height: 24))
                == Rect(x: 20, y: 7, width: 40, height: 10))
        // A tall form takes the screen less its last row, where the key hints are.
        var buffer = Buffer(width: 40, height: 10)
        buffer.write("hints", x: 0, y: 9)
        refusalForm().renderDialog(title: "Refuse", into: &buffer, over: buffer.area)
        #expect(buffer.trimmedLines[0].hasPrefix(" ┌ Refuse "))
        #expect(buffer.trimmedLines[8].hasPrefix(" └"))
        #expect(buffer.trimmedLines[9] == "hints")
    }

    @Test func confirmAsksWithTheCallersKeys() {
        var buffer = Buffer(width: 60, height: 9)
        Confirm(message: "Close the form? What you typed is not saved.",
                answers: [KeyHint(key: "y", label: "yes"), KeyHint(key: "esc", label: "no")])
            .render(into: &buffer, over: buffer.area)
        expectScreen(buffer, [
            "",
            "",
            "     ┌ Question ──────────────────────────────────────┐",
            "     │ Close the form? What you typed is not saved.   │",
            "     │                                                │",
            "     │ y yes   esc no                                 │",
            "     └────────────────────────────────────────────────┘",
            "",
            "",
        ])
        #expect(buffer[5, 2].style == .dueSoon)
        #expect(buffer[7, 5].style == Style(.accent, [.bold]))
        // Narrower than the question, it wraps rather than cuts.
        var narrow = Buffer(width: 34, height: 9)
        Confirm(message: "Quit? What you typed in the form is not saved.").render(into: &narrow, over: narrow.area)
        #expect(narrow.trimmedLines[2...5] == [
            "  │ Quit? What you typed in    │",
            "  │ the form is not saved.     │",
            "  │                            │",
            "  │ y yes   n no               │",
        ])
    }

    @Test func isoDates() {
        #expect(isValidISODate("2024-02-29"))
        #expect(!isValidISODate("2026-02-29"))
        #expect(!isValidISODate("2026-13-01"))
        #expect(!isValidISODate("2026-1-01"))
        #expect(!isValidISODate("２０２６-01-01"))
    }
}

extension Form {
    mutating func type(_ text: String) { for c in text { handle(.char(c)) } }

    /// The form drawn on a buffer of its own, and where the cursor goes.
    func rendered(width: Int, height: Int) -> (Buffer, Position?) {
        var buffer = Buffer(width: width, height: height)
        let cursor = render(into: &buffer, area: buffer.area)
        return (buffer, cursor)
    }
}
