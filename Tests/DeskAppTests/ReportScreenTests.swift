import CaseStore
import Casework
import Foundation
import ReportLayout
import TerminalKit
import Testing
@testable import DeskApp

/// The office report from the Dashboard (issue 10 §3): `r`, a period, the text `cadesk report`
/// prints, scrolled, then saved as CSV (a new folder) or text. On the Deadlines tab's office of
/// 2026-03-01 (every case received in January and February 2026).
@Suite struct ReportScreenTests {
    func desk(width: Int = 80, height: Int = 24) throws -> DeskHarness {
        DeskHarness(store: try DeadlinesTabTests.office(), width: width, height: height, tab: nil)
    }

    /// `r`, the period chosen `steps` to the right of the first (last full year), then Show.
    static func show(_ desk: DeskHarness, steps: Int = 0) {
        desk.press("report", in: .dashboard)
        for _ in 0..<steps { desk.key(.right) }
        desk.press("save", in: .form)
    }

    /// The text `cadesk report` prints for the period, from the same layout.
    static func expectedText(_ desk: DeskHarness, from: String, to: String) throws -> [String] {
        let period = ReportPeriod(from: CivilDate(from)!, to: CivilDate(to)!)!
        let report = try desk.store.officeReport(period)
        let policy = try desk.store.loadPolicy()
        var text = ReportFormats.text(ReportTables.tables(report, office: policy.officeName, state: policy.stateCode))
        text.removeLast()
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The focused line emptied (Ctrl-U), then `text` typed.
    static func retype(_ desk: DeskHarness, _ text: String) {
        desk.key(.ctrl("u"))
        desk.type(text)
    }

    static func form(_ desk: DeskHarness) -> Form? {
        if case .form(let dialog)? = desk.state.overlays.last { return dialog.form }
        return nil
    }

    @Test func rAsksForAPeriodThatDefaultsToTheLastFullYear() throws {
        let desk = try desk()
        #expect(desk.lines[23] == " ⏎ cases  s sort officers  r report  : commands  ? help  q quit", "\(desk.lines[23])")
        desk.press("report", in: .dashboard)
        let screen = desk.screen
        #expect(screen.contains("Office report"), "\(screen)")
        #expect(screen.contains("last full year · 2025-01-01 to 2025-12-31"), "\(screen)")
        desk.key(.right)
        #expect(desk.screen.contains("year to date · 2026-01-01 to 2026-03-01"), "\(desk.screen)")
        desk.key(.right)
        #expect(desk.screen.contains("last 12 months · 2025-03-02 to 2026-03-01"), "\(desk.screen)")
        desk.key(.right)
        #expect(desk.screen.contains("from … to …"), "\(desk.screen)")
        // Esc leaves it (a choice was changed: asked first); the figures are back.
        desk.key(.escape)
        desk.press("yes", in: .question)
        #expect(desk.state.overlays.isEmpty && desk.state.dashboard.report == nil)
        #expect(desk.lines[3].hasPrefix(" Deadlines  overdue 4"))
    }

    /// Show closes the form and says what is being counted; the count comes on the pause after
    /// that frame (a year at 100,000 cases takes seconds), or before the next key.
    @Test func showSaysWhatItCountsBeforeCounting() throws {
        let desk = try desk()
        desk.press("report", in: .dashboard)
        desk.key(.right)
        desk.press("save", in: .form, idle: false)
        #expect(desk.flow == .tickWhenIdle)
        #expect(desk.state.overlays.isEmpty && desk.state.dashboard.report == nil)
        #expect(desk.lines[4] == " Counting the office report, 2026-01-01 to 2026-03-01 (year to date)…", "\(desk.screen)")
        desk.settle()
        #expect(desk.state.dashboard.report?.lines == (try Self.expectedText(desk, from: "2026-01-01", to: "2026-03-01")))
        #expect(desk.lines[3] == " Office report", "\(desk.screen)")
        #expect(desk.flow == .continue)
        // A key before the pause gets the report first: here Down scrolls it.
        desk.key(.escape)
        #expect(desk.state.dashboard.report == nil)
        desk.press("report", in: .dashboard)
        desk.key(.right)
        desk.press("save", in: .form, idle: false)
        desk.key(.down)
        #expect(desk.state.dashboard.report?.offset == 1)
    }

    @Test func at80x24TheReportIsCadeskReportsTextScrolledBothWays() throws {
        let desk = try desk()
        Self.show(desk, steps: 1)
        let expected = try Self.expectedText(desk, from: "2026-01-01", to: "2026-03-01")
        let report = try #require(desk.state.dashboard.report)
        #expect(report.lines == expected)
        // The body shows its first 18 lines, cut at the screen's edge.
        for row in 0..<18 {
            #expect(desk.lines[3 + row] == (" " + TextFit.prefix(expected[row], width: 79)).replacingOccurrences(of: " +$", with: "", options: .regularExpression),
                    "row \(row):\n\(desk.screen)")
        }
        #expect(desk.lines[3] == " Office report")
        // At 80 columns the period's name gives way to where the screen is in the report.
        #expect(desk.lines[22] == " 2026-01-01 to 2026-03-01 · lines 1–18 of \(expected.count) · columns 1–78 of \(report.width)",
                "\(desk.lines[22])")
        #expect(desk.lines[23] == " s save  → scroll →  esc back  ? help", "\(desk.lines[23])")
        // Down a page, then to the right: the wide tables' last columns come into view.
        desk.press("pageDown")
        #expect(desk.lines[3] == (" " + TextFit.prefix(expected[18], width: 79)).replacingOccurrences(of: " +$", with: "", options: .regularExpression))
        desk.press("right", in: .report)
        #expect(desk.state.dashboard.report?.column == 8)
        #expect(desk.lines[22].contains("columns 9–"), "\(desk.lines[22])")
        desk.press("bottom")
        #expect(desk.lines[20].hasPrefix(" ") && desk.screen.contains(String(expected.last!.dropFirst(8).prefix(20))), "\(desk.screen)")
        // Esc (or q) closes it; the Dashboard is as it was.
        desk.key(.escape)
        #expect(desk.state.dashboard.report == nil && desk.state.tab == .dashboard)
        #expect(desk.lines[3].hasPrefix(" Deadlines  overdue 4"))
    }

    @Test func at120x40MoreOfItShowsAndTitlesStandOutInMonochrome() throws {
        let desk = try desk(width: 120, height: 40)
        Self.show(desk, steps: 1)
        let expected = try Self.expectedText(desk, from: "2026-01-01", to: "2026-03-01")
        #expect(desk.lines[38].hasPrefix(" 2026-01-01 to 2026-03-01 (year to date) · lines 1–34 of \(expected.count)"), "\(desk.lines[38])")
        for row in 0..<34 {
            #expect(desk.lines[3 + row] == (" " + TextFit.prefix(expected[row], width: 119)).replacingOccurrences(of: " +$", with: "", options: .regularExpression))
        }
        // Titles bold, column headings bold, figures plain — in monochrome too.
        let mono = ColorScheme.monochrome
        let buffer = desk.frame.buffer
        #expect(mono.look(for: buffer[1, 3].style).attributes.contains(.bold), "the report's title")
        let requests = try #require(desk.row(containing: "Requests received"))
        #expect(mono.look(for: buffer[1, requests].style).attributes.contains(.bold))
        #expect(mono.look(for: buffer[1, requests + 1].style).attributes.contains(.bold), "its column headings")
        #expect(!mono.look(for: buffer[1, requests + 2].style).attributes.contains(.bold), "a row of figures")
    }

    @Test func badDatesAreAFormErrorAndNothingElseHappens() throws {
        let desk = try desk()
        desk.press("report", in: .dashboard)
        for _ in 0..<3 { desk.key(.right) }
        desk.key(.tab)
        Self.retype(desk, "2026-02-30")
        desk.press("save", in: .form)
        #expect(desk.state.dashboard.report == nil)
        #expect(desk.screen.contains("Correct the dates marked"), "\(desk.screen)")
        Self.retype(desk, "2026-03-01")
        desk.key(.tab)
        Self.retype(desk, "2026-01-01")
        desk.press("save", in: .form)
        #expect(desk.state.dashboard.report == nil)
        #expect(desk.screen.contains("From (2026-03-01) is after To (2026-01-01)"), "\(desk.screen)")
        // Corrected, it shows.
        Self.retype(desk, "2026-03-01")
        desk.press("save", in: .form)
        #expect(desk.state.dashboard.report?.period == ReportPeriod(from: CivilDate("2026-03-01")!, to: CivilDate("2026-03-01")!))
        #expect(desk.lines[22].hasPrefix(" 2026-03-01 to 2026-03-01 · lines 1–18 of"), "\(desk.lines[22])")
    }

    @Test func savingWritesANewFolderOfCSVOrATextFileAndNeverOverwrites() throws {
        let folder = TemporaryFolder()
        let desk = try desk()
        Self.show(desk, steps: 1)
        let report = try #require(desk.state.dashboard.report)
        desk.press("save-report", in: .report)
        #expect(desk.screen.contains("Save the report"), "\(desk.screen)")
        #expect(Self.form(desk)?.text("path") == "~/cadesk-report-2026-01-01-to-2026-03-01" || ProcessInfo.processInfo.environment["HOME"] == nil)
        // CSV: a new folder, one file per table, the bytes cadesk report --format csv writes.
        let csv = folder.file("year")
        desk.key(.tab)
        Self.retype(desk, csv)
        desk.press("save", in: .form)
        #expect(desk.state.overlays.isEmpty, "\(desk.screen)")
        #expect(desk.lines[22].contains("report saved: 11 tables → "), "\(desk.lines[22])")
        let names = try FileManager.default.contentsOfDirectory(atPath: csv).sorted()
        #expect(names == report.tables.map { "\($0.id).csv" }.sorted())
        for table in report.tables {
            #expect(try String(contentsOfFile: csv + "/\(table.id).csv", encoding: .utf8) == ReportFormats.csv(table))
        }
        // The same name again: refused, said in the form, nothing written.
        desk.press("save-report", in: .report)
        desk.key(.tab)
        Self.retype(desk, csv)
        desk.press("save", in: .form)
        #expect(Self.form(desk)?.error?.contains("already exists") == true && desk.screen.contains("✗ "), "\(desk.screen)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["year"])
        // Text: the screen's text, .txt added.
        desk.key(.backTab)
        desk.key(.right)
        desk.key(.tab)
        Self.retype(desk, folder.file("year"))
        desk.press("save", in: .form)
        #expect(desk.lines[22].hasPrefix(" report saved to /") || desk.lines[22].contains(" report saved to /"), "\(desk.lines[22])")
        #expect(try String(contentsOfFile: folder.file("year.txt"), encoding: .utf8) == report.lines.joined(separator: "\n") + "\n")
        // A file that is there already is never replaced.
        desk.press("save-report", in: .report)
        desk.key(.right)
        desk.key(.tab)
        Self.retype(desk, folder.file("year.txt"))
        desk.press("save", in: .form)
        #expect(Self.form(desk)?.error?.contains("already exists") == true && desk.screen.contains("✗ "), "\(desk.screen)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["year", "year.txt"])
    }

    @Test func theReportKeysAreInTheHelpAndThePalette() throws {
        let lines = HelpScreen.lines(DeskKeys.defaults)
        let heading = try #require(lines.firstIndex(of: "The office report (r on the Dashboard)"))
        #expect(lines[(heading + 1)...].prefix(4).contains { $0.contains("Save the report") })
        #expect(lines.contains { $0.contains("The office report for a period") })
        // From another tab the palette takes the officer to the Dashboard and opens the form.
        let desk = try desk()
        desk.press("show-cases")
        desk.press("palette")
        desk.type("report")
        #expect(desk.screen.contains("report"))
        desk.press("confirm", in: .dialog)
        #expect(desk.state.tab == .dashboard)
        #expect(desk.screen.contains("Office report"), "\(desk.screen)")
    }
}
