import TerminalKit

extension DeskTab {
    static let directory = DeskTab(id: "directory")
}

/// The Directory tab: every State, with the authorities and contacts the office knows (40.12).
enum DirectoryTab: DeskTabScreen {
    static let tab = DeskTab.directory
    static let title = "Directory"
    static let showHelp = "Directory tab: States and authorities"
    static let context = KeyContext.directory

    static var keys: [KeyBinding<DeskCommand>] {
        [
            KeyBinding(.edit, name: "edit", keys: [.enter, .char("e")], help: "Edit the selected State's authorities and contacts",
                       label: "edit", context: context),
            KeyBinding(.search, name: "search", keys: [.char("/")], help: "Find a State by code or name as you type",
                       label: "find", context: context),
            KeyBinding(.close, name: "close", keys: [.char("q")], help: "Back to the home tab (a supervisor's Dashboard, else Cases)", label: "close", context: context),
        ]
    }

    static func reload(_ state: inout DeskState, env: DeskEnvironment) { state.reloadDirectory(env) }
    static func unload(_ state: inout DeskState) { state.directory.entries = [] }
    static func leave(_ state: inout DeskState) { state.directory.searching = false }

    static func render(_ state: DeskState, env: DeskEnvironment, into buffer: inout Buffer, area: Rect) {
        DirectoryScreen.render(state, into: &buffer, area: area)
    }

    static func drawInfo(_ state: DeskState, env: DeskEnvironment, into buffer: inout Buffer, area: Rect, x: inout Int) -> Position? {
        if state.directory.searching {
            x += buffer.write("/ ", x: x, y: area.y, style: Style(.accent, [.bold]))
            let field = Rect(x: x, y: area.y, width: max(1, area.width / 2), height: 1)
            let cursor = state.directory.search.render(into: &buffer, area: field, focused: state.overlays.isEmpty,
                                                       placeholder: "code or name of a State…")
            buffer.write("\(state.directory.visible.count) of \(state.directory.entries.count)", in: area,
                         column: field.right - area.x + 2, style: .muted)
            return cursor
        }
        let shown = state.directory.visible.count, all = state.directory.entries.count
        let text = shown == all ? "\(all) States" : "\(shown) of \(all) States · “\(state.directory.search.text)”"
        x += buffer.write(text, x: x, y: area.y, style: .muted)
        return nil
    }

    static func hints(_ state: DeskState, env: DeskEnvironment) -> [KeyHint] {
        DeskRender.hints(env.keys, [("edit", context), ("search", context), ("palette", .global), ("help", .global), ("close", context)])
    }

    static func move(_ nav: StandardCommand, state: inout DeskState, env: DeskEnvironment) {
        state.directory.table.apply(nav, rowCount: state.directory.visible.count, pageSize: pageSize(state))
    }

    static func perform(_ command: DeskCommand, state: inout DeskState, env: DeskEnvironment) {
        switch command {
        case .edit: DirectoryForm.open(state: &state)
        case .search: state.directory.searching = true
        case .keepSearch: state.directory.searching = false
        case .dropSearch:
            state.directory.searching = false
            state.directory.search = TextInput()
            state.directory.table = TableState()
        default: break
        }
    }

    static func press(line: Int, state: inout DeskState, env: DeskEnvironment) {
        let count = state.directory.visible.count, page = pageSize(state)
        let index = state.directory.table.visibleRange(rowCount: count, pageSize: page).lowerBound + line
        guard index < count else { return }
        state.directory.table.select(index, rowCount: count, pageSize: page)
    }

    static func isSearching(_ state: DeskState) -> Bool { state.directory.searching }

    static func typeInSearch(_ key: Key, state: inout DeskState, env: DeskEnvironment) -> Bool {
        guard state.directory.search.handle(key) else { return false }
        state.directory.table = TableState()
        return true
    }
}
