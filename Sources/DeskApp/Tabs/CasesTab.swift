import TerminalKit

extension DeskTab {
    static let cases = DeskTab(id: "cases")
}

/// The Cases tab: every case, filtered, searched and sorted; an officer's home.
enum CasesTab: DeskTabScreen {
    static let tab = DeskTab.cases
    static let title = "Cases"
    static let showHelp = "Cases tab"
    static let context = KeyContext.cases

    static var keys: [KeyBinding<DeskCommand>] {
        func b(_ c: DeskCommand, _ name: String, _ keys: [Key], _ help: String, _ label: String? = nil) -> KeyBinding<DeskCommand> {
            KeyBinding(c, name: name, keys: keys, help: help, label: label, context: context)
        }
        return [
            b(.open, "open", [.enter], "Open the selected case", "open"),
            b(.newCase, "new", [.char("n")], "Register a new case", "new"),
            b(.act, "act", [.char("a")], "Act on the selected case (only the actions allowed now)", "act"),
            b(.search, "search", [.char("/")], "Search: the list narrows as you type", "search"),
            b(.filter, "filter", [.char("f")], "Filter by direction, kind, state, officer", "filter"),
            b(.mine, "mine", [.char("m")], "Only my cases / everyone's"),
            b(.overdue, "overdue", [.char("o")], "Only cases with an overdue deadline / all"),
            b(.sort, "sort", [.char("s")], "Sort by next deadline, reference, received, last change", "sort"),
            b(.reverseSort, "reverse", [.char("S")], "Reverse the order: latest deadline, oldest change, Z to A first"),
            b(.clearFilters, "clear", [.char("x")], "Clear the search and filters (open cases, everyone's)"),
            b(.loadDemo, "demo", [.char("d")], "Load demo cases (only into an empty database)"),
            b(.back, "back", [.escape], "Back to the Dashboard, from the cases behind one of its figures", "back"),
        ]
    }

    static func reload(_ state: inout DeskState, env: DeskEnvironment) { state.reloadCases(env) }
    static func leave(_ state: inout DeskState) { state.cases.searching = false }

    static func render(_ state: DeskState, env: DeskEnvironment, into buffer: inout Buffer, area: Rect) {
        CasesScreen.render(state, env: env, into: &buffer, area: area)
    }

    static func drawInfo(_ state: DeskState, env: DeskEnvironment, into buffer: inout Buffer, area: Rect, x: inout Int) -> Position? {
        if state.cases.searching {
            x += buffer.write("/ ", x: x, y: area.y, style: Style(.accent, [.bold]))
            let field = Rect(x: x, y: area.y, width: max(1, area.width / 2), height: 1)
            let cursor = state.cases.search.render(into: &buffer, area: field, focused: state.overlays.isEmpty,
                                                   placeholder: "search ref, title, facts, officer…")
            let count = state.cases.counting ? "counting…" : "\(state.cases.rowCount) match\(state.cases.rowCount == 1 ? "" : "es")"
            buffer.write(count, in: area, column: field.right - area.x + 2, style: .muted)
            return cursor
        }
        for (text, style) in CasesScreen.countsText(state.cases.counts) {
            x += buffer.write(text, x: x, y: area.y, style: style)
        }
        if state.message == nil, !state.cases.databaseEmpty {
            let f = CasesScreen.filterText(state, env: env)
            let room = area.right - x - 4
            if room > 8 { buffer.write(TextFit.truncate(f, width: room) + " ", in: area, style: .muted, alignment: .right) }
        }
        return nil
    }

    static func hints(_ state: DeskState, env: DeskEnvironment) -> [KeyHint] {
        DeskRender.hints(env.keys, (state.cases.filter.figure == nil ? [] : [("back", context)]) + [("open", context), ("new", context), ("act", context), ("filter", context), ("search", context),
                                    ("sort", context), ("palette", .global), ("help", .global), ("quit", .global)])
    }

    static func move(_ nav: StandardCommand, state: inout DeskState, env: DeskEnvironment) {
        state.cases.table.apply(nav, rowCount: state.cases.rowCount, pageSize: pageSize(state))
        state.ensureCaseWindow(env)
    }

    static func perform(_ command: DeskCommand, state: inout DeskState, env: DeskEnvironment) {
        if command == .back {
            guard state.cases.filter.figure != nil else { return }
            state.cases.filter = CaseListFilter()
            DeskReducer.show(.dashboard, state: &state, env: env)
            return
        }
        // Another filter replaces the figure's cases: the list is the officer's again.
        if [.mine, .overdue, .filter].contains(command), state.cases.filter.figure != nil {
            state.cases.filter.figure = nil
            state.cases.filter.openOnly = true
        }
        CaseListCommands.perform(command, state: &state, env: env)
    }

    static func press(line: Int, state: inout DeskState, env: DeskEnvironment) {
        let page = pageSize(state)
        let index = state.cases.table.visibleRange(rowCount: state.cases.rowCount, pageSize: page).lowerBound + line
        guard index < state.cases.rowCount else { return }
        state.cases.table.select(index, rowCount: state.cases.rowCount, pageSize: page)
        state.ensureCaseWindow(env)
    }

    static func isSearching(_ state: DeskState) -> Bool { state.cases.searching }

    static func typeInSearch(_ key: Key, state: inout DeskState, env: DeskEnvironment) -> Bool {
        guard state.cases.search.handle(key) else { return false }
        state.cases.table = TableState(sort: state.cases.table.sort)
        state.reloadCases(env, countLater: true)
        return true
    }
}
