import TerminalKit

extension DeskTab {
    static let deadlines = DeskTab(id: "deadlines")
}

/// The Deadlines tab: what is overdue and what falls due soon, across the office.
enum DeadlinesTab: DeskTabScreen {
    static let tab = DeskTab.deadlines
    static let title = "Deadlines"
    static let showHelp = "Deadlines tab: the most overdue first"
    static let context = KeyContext.deadlines

    static var keys: [KeyBinding<DeskCommand>] {
        [
            KeyBinding(.open, name: "open", keys: [.enter], help: "Open the case of the selected deadline", label: "open", context: context),
            KeyBinding(.filter, name: "filter", keys: [.char("f")], help: "Filter by officer, State, kind of deadline, horizon",
                       label: "filter", context: context),
            KeyBinding(.mine, name: "mine", keys: [.char("m")], help: "Only my deadlines / everyone's", label: "mine", context: context),
            KeyBinding(.horizon, name: "horizon", keys: [.char("h")], help: "Look ahead 7, 14, 30 days, or every pending deadline",
                       label: "horizon", context: context),
            KeyBinding(.groupByOfficer, name: "by-officer", keys: [.char("b")], help: "Group by officer / one list",
                       context: context),
            KeyBinding(.clearFilters, name: "clear", keys: [.char("x")], help: "Clear the filters (everyone's, the office's window)",
                       context: context),
            KeyBinding(.close, name: "close", keys: [.char("q")], help: "Back to the home tab (a supervisor's Dashboard, else Cases)", label: "close", context: context),
        ]
    }

    static func reload(_ state: inout DeskState, env: DeskEnvironment) { state.reloadDeadlines(env) }
    static func unload(_ state: inout DeskState) { state.deadlines.rows = [] }

    static func render(_ state: DeskState, env: DeskEnvironment, into buffer: inout Buffer, area: Rect) {
        DeadlinesScreen.render(state, into: &buffer, area: area)
    }

    static func drawInfo(_ state: DeskState, env: DeskEnvironment, into buffer: inout Buffer, area: Rect, x: inout Int) -> Position? {
        let overdue = state.deadlines.rows.filter { if case .deadline(let d) = $0 { return d.status == .overdue } else { return false } }.count
        let all = state.deadlines.rows.filter { !$0.isHeading }.count
        x += buffer.write("\(overdue) overdue", x: x, y: area.y, style: overdue > 0 ? .overdue : .normal)
        switch state.deadlinesHorizon {
        case .days(let n): x += buffer.write(" · \(all - overdue) due within \(n) days", x: x, y: area.y)
        case .all: x += buffer.write(" · \(all - overdue) pending", x: x, y: area.y)
        }
        if state.message == nil {
            let text = filterText(state)
            let room = area.right - x - 4
            if room > 8 { buffer.write(TextFit.truncate(text, width: room) + " ", in: area, style: .muted, alignment: .right) }
        }
        return nil
    }

    static func hints(_ state: DeskState, env: DeskEnvironment) -> [KeyHint] {
        DeskRender.hints(env.keys, [("open", context), ("filter", context), ("mine", context), ("horizon", context),
                                    ("palette", .global), ("help", .global), ("close", context)])
    }

    static func move(_ nav: StandardCommand, state: inout DeskState, env: DeskEnvironment) {
        let page = pageSize(state)
        let rows = state.deadlines.rows
        var t = state.deadlines.table
        t.apply(nav, rowCount: rows.count, pageSize: page)
        // Headings are not selectable: step over them in the direction of travel.
        let step = (nav == .up || nav == .pageUp || nav == .bottom) ? -1 : 1
        var i = t.selected
        while rows.indices.contains(i), rows[i].isHeading { i += step }
        if !rows.indices.contains(i) { i = t.selected + (rows.indices.contains(t.selected + 1) ? 1 : 0) }
        t.select(i, rowCount: rows.count, pageSize: page)
        state.deadlines.table = t
    }

    /// "everyone · FRA · preservation-expiry · by officer"; nothing when nothing is filtered.
    static func filterText(_ state: DeskState) -> String {
        var f = state.deadlines.filter
        f.horizon = nil
        if f == DeadlineListFilter() { return "" }
        var parts = [f.mine ? "mine" : f.officer ?? "everyone"]
        if let c = f.counterpart { parts.append(c) }
        if let k = f.kind { parts.append(k.rawValue) }
        if f.byOfficer { parts.append("by officer") }
        return parts.joined(separator: " · ")
    }

    static func perform(_ command: DeskCommand, state: inout DeskState, env: DeskEnvironment) {
        var changed = true
        switch command {
        case .open:
            if case .deadline(let row)? = state.deadlines.rows[safe: state.deadlines.table.selected] {
                state.openCase(.ref(row.ref), env: env)
            }
            changed = false
        case .filter:
            DeadlineFilterForm.open(state: &state, env: env)
            changed = false
        case .mine:
            state.deadlines.filter.mine.toggle()
            if state.deadlines.filter.mine { state.deadlines.filter.officer = nil }
        case .horizon:
            let choices = DeadlineHorizon.choices
            let i = choices.firstIndex(of: state.deadlinesHorizon) ?? 0
            state.deadlines.filter.horizon = choices[(i + 1) % choices.count]
            state.message = .info("due within: \(state.deadlinesHorizon.label)")
        case .groupByOfficer:
            state.deadlines.filter.byOfficer.toggle()
        case .clearFilters:
            state.deadlines.filter = DeadlineListFilter()
        default:
            changed = false
        }
        if changed {
            state.deadlines.table = TableState(selected: 1)
            state.reloadDeadlines(env)
        }
    }

    static func press(line: Int, state: inout DeskState, env: DeskEnvironment) {
        let rows = state.deadlines.rows, page = pageSize(state)
        let index = state.deadlines.table.visibleRange(rowCount: rows.count, pageSize: page).lowerBound + line
        guard let row = rows[safe: index], !row.isHeading else { return }
        state.deadlines.table.select(index, rowCount: rows.count, pageSize: page)
    }
}
