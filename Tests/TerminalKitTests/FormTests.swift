import Testing
import TerminalKit

func refusalForm() -> Form {
    Form(fields: [
        .checkboxes("grounds", "Grounds allowed for a preservation request (art. 42.6):", options: [
            CheckboxOption("40.21(b)", "sovereignty, security, ordre public, essential interests"),
            CheckboxOption("40.21(c)", "our law would forbid this in a similar domestic case"),
            CheckboxOption("40.22", "discriminatory purpose"),
        ], required: true),
        .textArea("reasons", "Reasons — required (art. 40.25):", height: 1, required: true),
        .date("effective", "Effective date", value: "2026-03-01", required: true),
    ], buttons: [FormButton("cancel", "Cancel"), FormButton("refuse", "Refuse")])
}

@Suite("Form and dialog")
struct FormTests {
    @Test func actDialogAt80x24() {
        var form = refusalForm()
        form.handle(.down)
        form.handle(.space)  // tick 40.21(c)
        form.handle(.tab)  // to reasons
        for c in "Preservation of content data requires a judicial order that we cannot obtain" { _ = form.handle(.char(c)) }
        var buffer = Buffer(width: 80, height: 24)
        buffer.write("IN-PRES-2026-0014 · preservation · incoming · France", x: 1, y: 0)
        let inner = Dialog(title: "Refuse IN-PRES-2026-0014", width: 78, height: 13)
            .render(into: &buffer, over: buffer.area)
        let cursor = form.render(into: &buffer, area: inner)
        let expected = [
            " IN-PRES-2026-0014 · preservation · incoming · France",
            "", "", "", "",
            " ┌ Refuse IN-PRES-2026-0014 ──────────────────────────────────────────────────┐",
            " │ Grounds allowed for a preservation request (art. 42.6):                    │",
            " │   [ ] 40.21(b)  sovereignty, security, ordre public, essential interests   │",
            " │   [x] 40.21(c)  our law would forbid this in a similar domestic case       │",
            " │   [ ] 40.22     discriminatory purpose                                     │",
            " │ Reasons — required (art. 40.25):                                           │",
            " │ ┌────────────────────────────────────────────────────────────────────────┐ │",
            " │ │obtain                                                                  │ │",
            " │ └────────────────────────────────────────────────────────────────────────┘ │",
            " │ Effective date  2026-03-01                                                 │",
            " │                                                   [ Cancel ]   [ Refuse ]  │",
            " │                                                                            │",
            " └────────────────────────────────────────────────────────────────────────────┘",
            "", "", "", "", "", "",
        ]
        expectScreen(buffer, expected)
        // The one-row text area shows the row being typed, and the cursor after "obtain".
        #expect(cursor == Position(x: 10, y: 12))
        #expect(form["reasons"]?.text == "Preservation of content data requires a judicial order that we cannot obtain")
    }

    @Test func tabAndShiftTabCycleThroughFieldsAndButtons() {
        var form = refusalForm()
        #expect(form.focus == 0)
        form.handle(.tab); form.handle(.tab); form.handle(.tab)
        #expect(form.focusedButton?.id == "cancel")
        form.handle(.tab)
        #expect(form.focusedButton?.id == "refuse")
        let pressed = form.handle(.enter)
        #expect(pressed == .pressed("refuse"))
        form.handle(.tab)
        #expect(form.focus == 0)
        form.handle(.backTab)
        #expect(form.focusedButton?.id == "refuse")
        let escaped = form.handle(.escape)
        #expect(escaped == .cancelled)
    }

    @Test func validationMessagesAppearUnderTheirFields() {
        var form = refusalForm()
        form["effective"] = .date("effective", "Effective date", value: "2026-02-30")
        let valid = form.validate()
        #expect(!valid)
        #expect(form.focus == 0)
        var buffer = Buffer(width: 60, height: 16)
        form.render(into: &buffer, area: buffer.area)
        #expect(buffer.trimmedLines == [
            "Grounds allowed for a preservation request (art. 42.6):",
            "  [ ] 40.21(b)  sovereignty, security, ordre public, essent…",
            "  [ ] 40.21(c)  our law would forbid this in a similar dome…",
            "  [ ] 40.22     discriminatory purpose",
            "  ✗ tick at least one",
            "Reasons — required (art. 40.25):",
            "┌──────────────────────────────────────────────────────────┐",
            "│                                                          │",
            "└──────────────────────────────────────────────────────────┘",
            "  ✗ required",
            "Effective date  2026-02-30",
            "  ✗ not a date: write YYYY-MM-DD",
            "                                    [ Cancel ]   [ Refuse ]",
            "", "", "",
        ])
        #expect(buffer[2, 4].style == .error)
    }

    @Test func applicationErrorShowsInPlaceAndTypedTextStays() {
        var form = refusalForm()
        form.focus = 1
        for c in "no order" { _ = form.handle(.char(c)) }
        form.setError("refused: a ground must be given (art. 42.6)", for: "grounds")
        #expect(form["reasons"]?.text == "no order")
        var buffer = Buffer(width: 60, height: 16)
        form.render(into: &buffer, area: buffer.area)
        #expect(buffer.trimmedLines[4] == "  ✗ refused: a ground must be given (art. 42.6)")
        #expect(buffer.trimmedLines[7] == "│no order                                                  │")
    }

    @Test func choiceCyclesAndJumpsByLetter() {
        var form = Form(fields: [.choice("urgency", "Urgency", options: ["normal", "urgent", "emergency"])])
        form.handle(.right)
        #expect(form["urgency"]?.text == "urgent")
        form.handle(.char("e"))
        #expect(form["urgency"]?.text == "emergency")
        form.handle(.right)
        #expect(form["urgency"]?.text == "normal")
        var buffer = Buffer(width: 30, height: 1)
        form.render(into: &buffer, area: buffer.area)
        #expect(buffer.trimmedLines == ["Urgency  ‹ normal ›"])
    }

    @Test func checkboxesReportTickedCodes() {
        var form = refusalForm()
        form.handle(.space); form.handle(.down); form.handle(.down); form.handle(.char("x"))
        #expect(form["grounds"]?.checkedCodes == ["40.21(b)", "40.22"])
        form.handle(.down)  // past the last option: next field
        #expect(form.focusedField?.id == "reasons")
    }

    @Test func tallFormScrollsToTheFocusedField() {
        var form = refusalForm()
        form.focus = 4  // Refuse button
        var buffer = Buffer(width: 60, height: 4)
        form.render(into: &buffer, area: buffer.area)
        #expect(buffer.trimmedLines.last == "                                    [ Cancel ]   [ Refuse ]")
    }

    @Test func confirmStartsOnCancel() {
        var confirm = Confirm(title: "Close IN-MLA-2026-0031?", message: "The case leaves the open list.", confirmTitle: "Close")
        var buffer = Buffer(width: 60, height: 16)
        confirm.render(into: &buffer, over: buffer.area)
        #expect(buffer.trimmedLines[5...10] == [
            "          ┌ Close IN-MLA-2026-0031? ─────────────┐",
            "          │ The case leaves the open list.       │",
            "          │                                      │",
            "          │               [ Cancel ]   [ Close ] │",
            "          └──────────────────────────────────────┘",
            "",
        ])
        #expect(buffer[26, 8].style == .selected)
        var outcomes: [Confirm.Outcome?] = []
        for key in [Key.enter, .right, .enter, .char("n")] { outcomes.append(confirm.handle(key)) }
        #expect(outcomes == [.cancelled, nil, .confirmed, .cancelled])
    }

    @Test func isoDates() {
        #expect(isValidISODate("2024-02-29"))
        #expect(!isValidISODate("2026-02-29"))
        #expect(!isValidISODate("2026-13-01"))
        #expect(!isValidISODate("2026-1-01"))
        #expect(!isValidISODate("２０２６-01-01"))
    }
}
