import CaseStore
import Casework
import TerminalKit

extension DeskTab {
    static let dashboard = DeskTab(id: "dashboard")
}

/// The Dashboard tab (issue 10 §1): the figures a supervisor opens every morning. Every
/// figure is a place of the cursor; Enter lists the cases behind it on the Cases tab.
enum DashboardTab: DeskTabScreen {
    static let tab = DeskTab.dashboard
    static let title = "Dashboard"
    static let showHelp = "Dashboard tab: figures, charts, workload"
    static let context = KeyContext.dashboard

    static var keys: [KeyBinding<DeskCommand>] {
        [
            KeyBinding(.open, name: "open", keys: [.enter], help: "List the cases behind the figure under the cursor",
                       label: "cases", context: context),
            KeyBinding(.nav(.left), name: "left", keys: [.left, .char("h")], help: "The figure to the left", context: context),
            KeyBinding(.nav(.right), name: "right", keys: [.right, .char("l")], help: "The figure to the right", context: context),
            KeyBinding(.sort, name: "sort", keys: [.char("s")], help: "Order the officers by open cases, overdue, due ≤ 7 d, oldest, name",
                       label: "sort officers", context: context),
            KeyBinding(.report, name: "report", keys: [.char("r")],
                       help: "The office report for a period (last year, year to date, 12 months, dates), to read and save",
                       label: "report", context: context),
            // The report, shown in place of the figures.
            KeyBinding(.saveReport, name: "save-report", keys: [.char("s")],
                       help: "Save the report: CSV (a new folder, one file per table) or text", label: "save", context: .report),
            KeyBinding(.nav(.left), name: "left", keys: [.left, .char("h")], help: "Scroll the report left", context: .report),
            KeyBinding(.nav(.right), name: "right", keys: [.right, .char("l")], help: "Scroll the report right (wide tables)",
                       label: "scroll →", context: .report),
            KeyBinding(.back, name: "back", keys: [.escape, .char("q")], help: "Close the report (back to the figures)",
                       label: "back", context: .report),
        ]
    }

    static var views: [(context: KeyContext, title: String)] { [(.report, "The office report (r on the Dashboard)")] }

    static func focus(_ state: DeskState) -> KeyContext { state.dashboard.report == nil ? context : .report }

    static func reload(_ state: inout DeskState, env: DeskEnvironment) {
        if state.dashboard.countLater {
            state.dashboard.figures = nil
            state.dashboard.counting = true
            return
        }
        state.dashboard.counting = false
        do { state.dashboard.figures = try env.store.dashboardFigures(today: env.session.today) } catch { state.fail(error) }
        clampCursor(&state)
    }

    static func unload(_ state: inout DeskState) {
        state.dashboard.figures = nil
        state.dashboard.counting = false
    }
    /// Another tab: the report shown is closed (`r` counts it again, as of then).
    static func leave(_ state: inout DeskState) { state.dashboard.report = nil }

    static func render(_ state: DeskState, env: DeskEnvironment, into buffer: inout Buffer, area: Rect) {
        if let report = state.dashboard.report { return ReportScreen.render(report, into: &buffer, area: area) }
        if let (period, name) = state.dashboard.reportToCount {
            buffer.clear(area)
            buffer.write(ReportScreen.countingText(period, name: name), in: area.row(1), column: 1, style: .muted)
            return
        }
        DashboardScreen.render(state, into: &buffer, area: area)
    }

    static func drawInfo(_ state: DeskState, env: DeskEnvironment, into buffer: inout Buffer, area: Rect, x: inout Int) -> Position? {
        if let report = state.dashboard.report {
            ReportScreen.drawInfo(report, size: state.size, into: &buffer, area: area, x: &x)
            return nil
        }
        guard let f = state.dashboard.figures else { return nil }
        x += buffer.write("\(f.openCases) open · as of \(f.today)", x: x, y: area.y, style: .muted)
        if state.message == nil, let target = selectedTarget(state) {
            let text = "⏎ " + target.title
            let room = area.right - x - 4
            if room > 8 { buffer.write(TextFit.truncate(text, width: room) + " ", in: area, style: .muted, alignment: .right) }
        }
        return nil
    }

    static func hints(_ state: DeskState, env: DeskEnvironment) -> [KeyHint] {
        if state.dashboard.report != nil { return ReportScreen.hints(env.keys) }
        return DeskRender.hints(env.keys, [("open", context), ("sort", context), ("report", context), ("palette", .global),
                                           ("help", .global), ("quit", .global)])
    }

    // MARK: the cursor

    static func layout(_ state: DeskState) -> DashboardLayout? {
        state.dashboard.figures.map { DashboardScreen.layout($0, width: state.size.width, sort: state.dashboard.officerSort) }
    }

    static func selectedTarget(_ state: DeskState) -> DashboardTarget? {
        layout(state)?.lines[safe: state.dashboard.line]?.cells[safe: state.dashboard.cell]?.target
    }

    /// Up and down go to the figure nearest in the next line that has figures; left and right
    /// along the line; the page keys by a screenful.
    static func move(_ nav: StandardCommand, state: inout DeskState, env: DeskEnvironment) {
        if var report = state.dashboard.report {
            ReportScreen.move(nav, &report, size: state.size)
            state.dashboard.report = report
            return
        }
        guard let layout = layout(state) else { return }
        let lines = layout.lines
        var d = state.dashboard
        let x = lines[safe: d.line]?.cells[safe: d.cell]?.x ?? 0
        func nearest(_ line: Int) -> Int {
            lines[line].targets.min { abs(lines[line].cells[$0].x - x) < abs(lines[line].cells[$1].x - x) } ?? 0
        }
        func step(_ from: Int, by delta: Int, times: Int = 1) -> Int {
            var line = from, left = times, found = from
            while left > 0 {
                line += delta
                guard lines.indices.contains(line) else { break }
                if !lines[line].targets.isEmpty { found = line; left -= 1 }
            }
            return found
        }
        let page = max(1, DeskLayout.body(state.size).height)
        let withTargets = lines.indices.filter { !lines[$0].targets.isEmpty }
        switch nav {
        case .up: d.line = step(d.line, by: -1); d.cell = nearest(d.line)
        case .down: d.line = step(d.line, by: 1); d.cell = nearest(d.line)
        case .pageUp: d.line = withTargets.last { $0 <= max(0, d.line - page) } ?? withTargets.first ?? 0; d.cell = nearest(d.line)
        case .pageDown: d.line = withTargets.first { $0 >= d.line + page } ?? withTargets.last ?? 0; d.cell = nearest(d.line)
        case .top: d.line = withTargets.first ?? 0; d.cell = nearest(d.line); d.offset = 0
        case .bottom: d.line = withTargets.last ?? 0; d.cell = nearest(d.line)
        case .left:
            let targets = lines[safe: d.line]?.targets ?? []
            if let i = targets.firstIndex(of: d.cell), i > 0 { d.cell = targets[i - 1] }
        case .right:
            let targets = lines[safe: d.line]?.targets ?? []
            if let i = targets.firstIndex(of: d.cell), i + 1 < targets.count { d.cell = targets[i + 1] }
        default: break
        }
        state.dashboard = d
        scrollToCursor(&state, lines: lines.count)
    }

    /// The cursor's line on screen; the first lines stay in view while the cursor is near them.
    static func scrollToCursor(_ state: inout DeskState, lines: Int) {
        let h = max(1, DeskLayout.body(state.size).height)
        var d = state.dashboard
        if d.line < d.offset { d.offset = d.line }
        if d.line >= d.offset + h { d.offset = d.line - h + 1 }
        d.offset = max(0, min(d.offset, max(0, lines - h)))
        // The line above a figure is often its heading: keep it in view when there is room.
        if d.line == d.offset, d.offset > 0, d.line - 1 >= 0 { d.offset -= 1 }
        state.dashboard = d
    }

    static func clampCursor(_ state: inout DeskState) {
        guard let lines = layout(state)?.lines else { return }
        var d = state.dashboard
        if lines[safe: d.line]?.cells[safe: d.cell]?.target == nil {
            let line = lines.indices.first { $0 >= d.line && !lines[$0].targets.isEmpty }
                ?? lines.indices.last { !lines[$0].targets.isEmpty } ?? 0
            d.line = line
            d.cell = lines[safe: line]?.targets.first ?? 0
        }
        state.dashboard = d
        scrollToCursor(&state, lines: lines.count)
    }

    // MARK: commands

    static func perform(_ command: DeskCommand, state: inout DeskState, env: DeskEnvironment) {
        switch command {
        case .report: ReportScreen.open(state: &state, env: env)
        case .saveReport:
            guard let report = state.dashboard.report else {
                state.message = .error("save-report: show the report first (r on the Dashboard)")
                return
            }
            ReportScreen.openSave(report, state: &state)
        case .back: state.dashboard.report = nil
        case .open:
            guard let target = selectedTarget(state) else { return }
            state.cases.filter = CaseListFilter()
            state.cases.filter.figure = target
            state.cases.search = TextInput()
            state.cases.sort = .nextDue
            state.cases.reversed = false
            state.cases.table = TableState()
            DeskReducer.show(.cases, state: &state, env: env)
        case .sort:
            let all = OfficerSort.allCases
            state.dashboard.officerSort = all[((all.firstIndex(of: state.dashboard.officerSort) ?? 0) + 1) % all.count]
            clampCursor(&state)
            state.message = .info("officers by \(state.dashboard.officerSort.title)")
        default: break
        }
    }

    static func press(line: Int, state: inout DeskState, env: DeskEnvironment) {
        guard state.dashboard.report == nil, let layout = layout(state) else { return }
        // The body has no column headings: line -1 is its first line.
        let index = state.dashboard.offset + line + 1
        guard let l = layout.lines[safe: index], let first = l.targets.first else { return }
        state.dashboard.line = index
        state.dashboard.cell = first
    }
}
