import TerminalKit

/// The mouse, as htop and mutt use it: the wheel scrolls whatever list has the focus, a press
/// on a row of a list selects it (Enter then opens it, as from the keyboard).
enum DeskMouse {
    static func handle(_ mouse: Mouse, state: inout DeskState, env: DeskEnvironment) {
        switch mouse.action {
        case .wheelUp: scroll(.up, state: &state, env: env)
        case .wheelDown: scroll(.down, state: &state, env: env)
        case .press: select(row: mouse.y, state: &state, env: env)
        }
    }

    /// Three rows a notch, as the arrow keys would move them; never in a form or the palette,
    /// where the arrows move between fields and the wheel would lose the officer's place.
    static func scroll(_ key: Key, state: inout DeskState, env: DeskEnvironment) {
        if state.helpScroll == nil, let top = state.overlays.last {
            switch top {
            case .form, .palette, .question: return
            case .picker, .detail: break
            }
        }
        for _ in 0..<3 { _ = DeskReducer.press(key, state: &state, env: env) }
    }

    /// The list row under screen line `y`, on the tab's list (not over help, a case or a dialog).
    static func select(row y: Int, state: inout DeskState, env: DeskEnvironment) {
        guard state.helpScroll == nil, state.overlays.isEmpty, state.caseStack.isEmpty else { return }
        let body = DeskLayout.body(state.size)
        let line = y - body.y - 1  // under the column headings
        guard line >= 0, line < Table<ArrayTableSource>.pageSize(for: body) else { return }
        state.tab.screen.press(line: line, state: &state, env: env)
    }
}
