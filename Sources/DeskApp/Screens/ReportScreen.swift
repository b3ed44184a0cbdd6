import CaseStore
import Casework
import Foundation
import ReportLayout
import TerminalKit

/// The office report from the Dashboard (issue 10 §3: "the interface offers the report from the
/// dashboard"): `r` asks for a period, the report is shown as `cadesk report` prints it (the
/// same text, from the same layout), scrolled in both directions, and `s` saves it — CSV, one
/// file per table in a new folder, or text — as `cadesk report --out` would.
struct ReportView {
    var period: ReportPeriod
    /// How the period was chosen: "last full year", "year to date"… ("" for dates typed).
    var name: String
    /// The tables shown; a save writes these, so the file says what the screen said.
    var tables: [ReportTable]
    /// `ReportFormats.text(tables)`, line by line.
    var lines: [String]
    /// The widest line, in columns.
    var width: Int
    /// The first line and the first column shown.
    var offset = 0
    var column = 0

    init(period: ReportPeriod, name: String, tables: [ReportTable]) {
        self.period = period; self.name = name; self.tables = tables
        var text = ReportFormats.text(tables)
        if text.hasSuffix("\n") { text.removeLast() }
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        width = lines.map(displayWidth).max() ?? 0
    }
}

enum ReportScreen {
    /// The periods offered, the first chosen: the last full calendar year (what a ministry asks
    /// for), the year so far, the last 12 months ending today, or dates typed.
    enum Choice: String, CaseIterable {
        case lastYear = "last-year", yearToDate = "year-to-date", last12Months = "last-12-months", dates

        var name: String {
            switch self {
            case .lastYear: return "last full year"
            case .yearToDate: return "year to date"
            case .last12Months: return "last 12 months"
            case .dates: return "from … to …"
            }
        }

        /// The period as of `today`; nil for `dates` (the form's From and To say).
        func period(today: CivilDate) -> ReportPeriod? {
            switch self {
            case .lastYear:
                return ReportPeriod(from: CivilDate(year: today.year - 1, month: 1, day: 1)!,
                                    to: CivilDate(year: today.year - 1, month: 12, day: 31)!)
            case .yearToDate:
                return ReportPeriod(from: CivilDate(year: today.year, month: 1, day: 1)!, to: today)
            case .last12Months:
                // The day after the same day a year before (28 February for a 29th): 365 or 366 days.
                let day = min(today.day, CivilDate.daysIn(month: today.month, year: today.year - 1))
                return ReportPeriod(from: CivilDate(year: today.year - 1, month: today.month, day: day)!.adding(days: 1), to: today)
            case .dates:
                return nil
            }
        }
    }

    // MARK: the period

    static func open(state: inout DeskState, env: DeskEnvironment) {
        let today = env.session.today
        let options = Choice.allCases.map { choice in
            FormOption(value: choice.rawValue, label: choice.name,
                       detail: choice.period(today: today).map { "\($0.from) to \($0.to)" } ?? "")
        }
        let last = Choice.lastYear.period(today: today)!
        let fields: [FormField] = [
            .choice("period", "Period", options.map { FormOption(value: $0.value, label: $0.detail.isEmpty ? $0.label : "\($0.label) · \($0.detail)") }),
            .date("from", "From", last.from.description, note: "YYYY-MM-DD, with from … to …"),
            .date("to", "To", last.to.description, note: "YYYY-MM-DD, included"),
        ]
        state.overlays.append(.form(FormDialog(
            purpose: .report, title: "Office report",
            intro: ["Requests, decisions, times, preservation, consultations and urgent requests",
                    "over a period, as cadesk report counts them. ←/→ or Space change the period."],
            form: Form(fields, submitLabel: "Show"))))
    }

    /// The period the form says, or why not (the form's error; nothing else happens).
    static func period(_ form: Form, today: CivilDate) -> Result<(ReportPeriod, String), FormMistake> {
        let choice = Choice(rawValue: form.text("period")) ?? .lastYear
        if let period = choice.period(today: today) { return .success((period, choice.name)) }
        func date(_ id: String, _ label: String) -> Result<CivilDate, FormMistake> {
            let typed = form.text(id)
            guard let d = CivilDate(entered: typed) else {
                return .failure(FormMistake(typed.isEmpty ? "\(label): a date is needed, YYYY-MM-DD"
                                            : "\(label): expected a date YYYY-MM-DD from 1900 to 2199, found “\(typed)”"))
            }
            return .success(d)
        }
        return date("from", "From").flatMap { from in
            date("to", "To").flatMap { to in
                guard let period = ReportPeriod(from: from, to: to) else {
                    return .failure(FormMistake("From (\(from)) is after To (\(to))"))
                }
                return .success((period, ""))
            }
        }
    }

    static func submitPeriod(_ dialog: FormDialog, state: inout DeskState, env: DeskEnvironment) {
        var dialog = dialog
        func refuse(_ message: String) {
            dialog.form.error = message
            state.overlays[state.overlays.count - 1] = .form(dialog)
        }
        // The date fields are read only for from … to …: a mistake left in them otherwise is no matter.
        let typedDates = Choice(rawValue: dialog.form.text("period")) == .dates
        if typedDates && !dialog.form.validate() { return refuse("Correct the dates marked, then Show again.") }
        switch period(dialog.form, today: env.session.today) {
        case .failure(let mistake): return refuse(mistake.message)
        case .success(let (period, name)):
            // Counted once the frame saying so is shown (`count`).
            state.overlays.removeLast()
            state.dashboard.report = nil
            state.dashboard.reportToCount = (period, name)
        }
    }

    /// The report asked for by `submitPeriod`, counted and laid out: on the idle tick after the
    /// frame that says "Counting…", or before any other event.
    static func count(_ state: inout DeskState, env: DeskEnvironment) {
        guard let (period, name) = state.dashboard.reportToCount else { return }
        state.dashboard.reportToCount = nil
        do {
            let report = try env.store.officeReport(period)
            let tables = ReportTables.tables(report, office: state.policy.officeName, state: state.policy.stateCode)
            state.dashboard.report = ReportView(period: period, name: name, tables: tables)
        } catch {
            state.fail(error)
        }
    }

    /// "Counting the office report, 2025-01-01 to 2025-12-31 (last full year)…"
    static func countingText(_ period: ReportPeriod, name: String) -> String {
        "Counting the office report, \(period.from) to \(period.to)\(name.isEmpty ? "" : " (\(name))")…"
    }

    // MARK: showing it

    static func render(_ view: ReportView, into buffer: inout Buffer, area: Rect) {
        for (row, index) in (view.offset..<min(view.lines.count, view.offset + area.height)).enumerated() {
            let line = view.lines[index]
            let shown = TextFit.prefix(dropColumns(view.column, of: line), width: area.width - 1)
            // A table's title, then its column headings; a blank line between tables.
            let isTitle = index == 0 || view.lines[index - 1].isEmpty
            let isHeading = index > 0 && !isTitle && (index == 1 || view.lines[index - 2].isEmpty)
            buffer.write(shown, x: area.x + 1, y: area.y + row,
                         style: isTitle ? Style(.header, [.bold]) : isHeading ? Style(.muted, [.bold]) : .normal)
        }
    }

    /// `line` without its first `columns` columns (a wide glyph cut in half becomes a space).
    static func dropColumns(_ columns: Int, of line: String) -> String {
        guard columns > 0 else { return line }
        var used = 0
        for i in line.indices {
            if used >= columns { return (used > columns ? " " : "") + String(line[i...]) }
            used += line[i].displayWidth
        }
        return ""
    }

    static func drawInfo(_ view: ReportView, size: Size, into buffer: inout Buffer, area: Rect, x: inout Int) {
        let rows = pageSize(size)
        var place = ""
        if view.lines.count > rows {
            place += " · lines \(view.offset + 1)–\(min(view.lines.count, view.offset + rows)) of \(view.lines.count)"
        }
        let room = area.width - 2
        if view.width > room { place += " · columns \(view.column + 1)–\(min(view.width, view.column + room)) of \(view.width)" }
        // How the period was chosen gives way first on a narrow screen.
        let period = "\(view.period.from) to \(view.period.to)"
        let named = view.name.isEmpty ? period + place : "\(period) (\(view.name))\(place)"
        let text = displayWidth(named) <= area.right - x - 1 ? named : period + place
        x += buffer.write(text, x: x, y: area.y, style: .muted, maxWidth: max(0, area.right - x))
    }

    static func hints(_ keys: KeyTable<DeskCommand>) -> [KeyHint] {
        DeskRender.hints(keys, [("save-report", .report), ("right", .report), ("back", .report), ("help", .global)])
    }

    static func pageSize(_ size: Size) -> Int { max(1, DeskLayout.body(size).height) }

    /// Up and down by a line or a page, left and right by 8 columns (tables wider than the screen).
    static func move(_ nav: StandardCommand, _ view: inout ReportView, size: Size) {
        let rows = pageSize(size)
        let lastOffset = max(0, view.lines.count - rows)
        let lastColumn = max(0, view.width - (size.width - 2))
        switch nav {
        case .up: view.offset -= 1
        case .down: view.offset += 1
        case .pageUp: view.offset -= rows
        case .pageDown: view.offset += rows
        case .top: view.offset = 0; view.column = 0
        case .bottom: view.offset = lastOffset
        case .left: view.column -= 8
        case .right: view.column += 8
        default: break
        }
        view.offset = max(0, min(view.offset, lastOffset))
        view.column = max(0, min(view.column, lastColumn))
    }

    // MARK: saving it

    /// Where a report goes unless the officer says otherwise: the home folder (else the
    /// current one), named after the period.
    static func defaultPath(_ period: ReportPeriod, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let name = "cadesk-report-\(period.from)-to-\(period.to)"
        if let home = environment["HOME"], !home.isEmpty { return "~/" + name }
        return name
    }

    /// `~/x` under the home folder; anything else as typed (relative to the current folder).
    static func expand(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty else { return path }
        return home + path.dropFirst(1)
    }

    static func openSave(_ view: ReportView, state: inout DeskState) {
        let fields: [FormField] = [
            .choice("format", "Format", [FormOption(value: "csv", label: "CSV · one file per table, in a new folder"),
                                         FormOption(value: "text", label: "text · as shown, one file")]),
            .line("path", "Save to", defaultPath(view.period), note: "~ is your home"),
        ]
        state.overlays.append(.form(FormDialog(
            purpose: .saveReport, title: "Save the report",
            intro: ["\(view.period.from) to \(view.period.to), \(view.tables.count) tables, under a new name: nothing is written over.",
                    "Text adds .txt; a CSV name ending in .csv holds every table in one file."],
            form: Form(fields, submitLabel: "Save"))))
    }

    static func submitSave(_ dialog: FormDialog, state: inout DeskState, env: DeskEnvironment) {
        guard let view = state.dashboard.report else { return }
        var dialog = dialog
        let typed = dialog.form.text("path")
        let text = dialog.form.text("format") == "text"
        var path = expand(typed)
        if text && !path.lowercased().hasSuffix(".txt") && !path.isEmpty { path += ".txt" }
        let database = env.session.databasePath
        do {
            let said: String
            if !text && !path.lowercased().hasSuffix(".csv") {
                let files = view.tables.map { (name: "\($0.id).csv", data: Data(ReportFormats.csv($0).utf8)) }
                try OutputFolder(path, protecting: database).write(files)
                said = "report saved: \(files.count) tables → \(path.hasSuffix("/") ? path : path + "/")"
            } else {
                let bytes = text ? ReportFormats.text(view.tables) : ReportFormats.csvSections(view.tables)
                try OutputFile(path, protecting: database).write(Data(bytes.utf8))
                said = "report saved to \(path)"
            }
            state.overlays.removeLast()
            state.message = .info(said)
        } catch where error.problem == .exists {
            dialog.form.error = "\(error.path): already exists; the report is saved only under a new name"
            state.overlays[state.overlays.count - 1] = .form(dialog)
        } catch {
            dialog.form.error = DeskState.describe(error)
            state.overlays[state.overlays.count - 1] = .form(dialog)
        }
    }
}
