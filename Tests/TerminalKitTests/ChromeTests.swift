import Testing
import TerminalKit

@Suite("Tabs, status bar, charts")
struct ChromeTests {
    @Test func homeScreenChromeAt80x24() {
        var buffer = Buffer(width: 80, height: 24)
        let keys = deskKeys()
        let (top, rest) = buffer.area.splitTop(3)
        let (_, bottom) = rest.splitBottom(1)
        buffer.write("cadesk · Central Authority of Ruritania", in: top.row(0), column: 1)
        buffer.write("a.moreau (supervisor)  2026-03-01", in: top.row(0), style: .muted, alignment: .right)
        Tabs(["Cases", "Deadlines", "Dashboard", "Directory"], selected: 0).render(into: &buffer, area: top.row(1))
        Rule().render(into: &buffer, area: top.row(2))
        StatusBar(hints: keys.hints(["open", "act", "search", "help", "quit"])).render(into: &buffer, area: bottom)
        expectScreen(buffer, [
            " cadesk · Central Authority of Ruritania       a.moreau (supervisor)  2026-03-01",
            " [Cases]  Deadlines   Dashboard   Directory",
            String(repeating: "─", count: 80),
        ] + Array(repeating: "", count: 20) + [
            " ⏎ open  a act  / search  ? help  q quit",
        ])
        #expect(buffer[1, 1].style == Style(.accent, [.bold]))
        #expect(buffer[1, 23].style == Style(.accent, [.bold]))  // the key
        #expect(buffer[3, 23].style == .normal)  // its label
    }

    @Test func statusBarDropsHintsThatDoNotFitWholeAndKeepsTheMessage() {
        var buffer = Buffer(width: 40, height: 1)
        let hints = deskKeys().hints(["open", "act", "search", "help", "quit"])
        StatusBar(hints: hints, message: "142 open · 6 overdue").render(into: &buffer, area: buffer.area)
        #expect(buffer.trimmedLines == [" ⏎ open  a act     142 open · 6 overdue"])
    }

    @Test func statusBarAt120x40() {
        var buffer = Buffer(width: 120, height: 40)
        let hints = deskKeys().hints(["open", "act", "search", "help", "quit"])
        StatusBar(hints: hints, message: "saved").render(into: &buffer, area: buffer.area.splitBottom(1).1)
        #expect(buffer.trimmedLines[39] == " ⏎ open  a act  / search  ? help  q quit" + String(repeating: " ", count: 74) + "saved")
        #expect(buffer.trimmedLines[0..<39].allSatisfy { $0.isEmpty })
    }

    @Test func sparklineScalesToTheLargestValue() {
        #expect(Sparkline([1, 2, 4, 6, 5, 4, 2, 3, 5, 6, 7, 4]).text(width: 12) == "▂▃▅▇▆▅▃▄▆▇█▅")
        #expect(Sparkline([0, 0, 1, 1, 2, 1, 0, 1, 2, 1, 1, 2]).text(width: 12) == "▁▁▅▅█▅▁▅█▅▅█")
        #expect(Sparkline([0, 0]).text(width: 5) == "▁▁")
        #expect(Sparkline(Array(1...24)).text(width: 4) == "▇▇██")  // the most recent values
    }

    @Test func barChartRowsWithEighthBlocks() {
        var buffer = Buffer(width: 30, height: 3)
        BarChart([.init("a.moreau", 41), .init("j.okafor", 38), .init("l.chen", 3)])
            .render(into: &buffer, area: buffer.area)
        expectScreen(buffer, [
            "a.moreau ██████████████████ 41",
            "j.okafor ████████████████▋  38",
            "l.chen   █▎                  3",
        ])
    }

    @Test func dashboardFiguresAt120x40() {
        var buffer = Buffer(width: 120, height: 40)
        buffer.write("Received per month (last 12)", x: 1, y: 1)
        Sparkline([1, 2, 4, 6, 5, 4, 2, 3, 5, 6, 7, 4]).render(into: &buffer, area: Rect(x: 32, y: 1, width: 12, height: 1))
        Rule("Officers").render(into: &buffer, area: Rect(x: 0, y: 2, width: 120, height: 1))
        BarChart([.init("a.moreau", 2, style: .overdue), .init("j.okafor", 3, style: .overdue)])
            .render(into: &buffer, area: Rect(x: 1, y: 3, width: 40, height: 2))
        #expect(Array(buffer.trimmedLines[0..<6]) == [
            "",
            " Received per month (last 12)   ▂▃▅▇▆▅▃▄▆▇█▅",
            "─ Officers " + String(repeating: "─", count: 109),
            " a.moreau ███████████████████▎          2",  // 2 of 3 over 29 columns
            " j.okafor █████████████████████████████ 3",
            "",
        ])
        #expect(buffer[12, 3].style == .overdue)
    }

    @Test func tooSmallMessageAt59x15() {
        let frame = Terminal.tooSmallFrame(size: Size(width: 59, height: 15))
        var expected = Array(repeating: "", count: 15)
        expected[6] = "               window too small (need 60×16)"
        expected[7] = "              now 59×15 — enlarge the window"
        expectScreen(frame.buffer, expected)
        #expect(frame.buffer[15, 6].style == .error)
    }

    @Test func tooSmallMessageWrapsInATinyWindow() {
        let frame = Terminal.tooSmallFrame(size: Size(width: 20, height: 5))
        expectScreen(frame.buffer, [
            "  window too small",
            "    (need 60×16)",
            " now 20×5 — enlarge",
            "     the window",
            "",
        ])
    }

    @Test func noColorSelectsMonochrome() {
        #expect(ColorScheme.resolve(noColor: false, environment: [:]) == .colour)
        #expect(ColorScheme.resolve(noColor: false, environment: ["NO_COLOR": "1"]) == .monochrome)
        #expect(ColorScheme.resolve(noColor: false, environment: ["NO_COLOR": ""]) == .colour)
        #expect(ColorScheme.resolve(noColor: true, environment: [:]) == .monochrome)
        let mono = ColorScheme.monochrome
        // Overdue stays visible on the selected (reversed) row: bold and underlined, not reversed.
        #expect(mono.look(for: .overdue).attributes == [.bold, .underline])
        var selectedOverdue = Style.overdue
        selectedOverdue.attributes.insert(.reverse)
        #expect(mono.look(for: selectedOverdue) != mono.look(for: .selected))
        #expect(mono.look(for: .dueSoon).attributes == [.bold])
        #expect(mono.look(for: .muted).attributes == [.dim])
        #expect(mono.look(for: .selected).attributes == [.reverse])
        #expect(mono.looks.values.allSatisfy { $0.foreground == nil && $0.background == nil })
        #expect(ColorScheme.colour.look(for: .overdue).foreground == .red)
        #expect(ColorScheme.colour.look(for: .dueSoon).foreground == .yellow)
    }
}
