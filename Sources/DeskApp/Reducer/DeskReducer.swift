import CaseStore
import Casework
import Foundation
import TerminalKit

/// key → command (from the key table, in the contexts of what has the focus) → change of state.
/// The reducer asks Casework what is allowed and CaseStore to record; it never draws.
enum DeskReducer {
    /// One event of the run loop. Returns `.quit` when the officer leaves.
    static func handle(_ event: Event, state: inout DeskState, env: DeskEnvironment) -> Flow {
        // Work put off until the frame after a key is shown (a search's count while the officer
        // types, the office report asked for) is done before anything that needs it; only more
        // typing goes on without the count.
        if !typesIntoSearch(event, state) { state.countCases(env) }
        ReportScreen.count(&state, env: env)
        let flow: Flow
        switch event {
        case .tick:
            state.pollForChanges(env)
            if state.dashboard.counting { DashboardTab.reload(&state, env: env) }
            flow = .continue
        case .resize(let size):
            state.size = size
            state.cases.table.select(state.cases.table.selected, rowCount: state.cases.rowCount, pageSize: state.casesPageSize)
            state.ensureCaseWindow(env)
            flow = .continue
        case .key(.mouse(let mouse)):
            DeskMouse.handle(mouse, state: &state, env: env)
            flow = .continue
        case .key(let key):
            state.message = nil
            flow = press(key, state: &state, env: env)
        }
        let putOff = state.cases.counting || state.dashboard.reportToCount != nil
        return flow == .continue && putOff ? .tickWhenIdle : flow
    }

    /// A key that edits the Cases search line (the list narrows as it is typed).
    static func typesIntoSearch(_ event: Event, _ state: DeskState) -> Bool {
        guard state.activeSearch == .cases, case .key(let key) = event else { return false }
        switch key {
        case .char, .backspace, .delete: return true
        default: return false
        }
    }

    /// The contexts a key is looked up in, most specific first, for what has the focus now.
    static func contexts(_ state: DeskState) -> [KeyContext] {
        // Help covers everything, dialogs included; closing it shows them again.
        if state.helpScroll != nil { return [.helpScreen, .list, .global] }
        if let top = state.overlays.last {
            switch top {
            case .question: return [.question, .dialog]
            case .detail(let d): return d.letter == nil ? [.dialog, .list, .global] : [.question, .dialog, .list, .global]
            case .form: return [.form, .dialog]
            case .palette: return [.dialog]
            case .picker: return [.dialog, .list, .global]
            }
        }
        if state.activeSearch != nil { return [.searching, .list, .global] }
        if !state.caseStack.isEmpty { return [.caseFile, .list, .global] }
        return [state.tab.screen.focus(state), .list, .global]
    }

    static func press(_ key: Key, state: inout DeskState, env: DeskEnvironment) -> Flow {
        let contexts = contexts(state)
        let binding = env.keys.binding(for: key, in: contexts)
        if state.helpScroll == nil, let top = state.overlays.last {
            switch top {
            case .form(let dialog):
                return pressInForm(key, dialog, binding: binding, state: &state, env: env)
            case .palette(let palette):
                return pressInPalette(key, palette, binding: binding, state: &state, env: env)
            case .picker(var picker):
                if picker.typesIntoQuery(key, isCommand: binding != nil), picker.query.handle(key) {
                    picker.table = TableState()
                    state.overlays[state.overlays.count - 1] = .picker(picker)
                    return .continue
                }
            case .question, .detail:
                break
            }
        }
        if let searched = state.activeSearch {
            // Typing goes to the search line first; the list narrows on every keystroke.
            let isText: Bool
            if case .char = key { isText = true } else { isText = false }
            if isText || binding == nil || binding?.context == .global,
               searched.screen.typeInSearch(key, state: &state, env: env) {
                return .continue
            }
        }
        guard let binding else { return .continue }
        return perform(binding.command, in: binding.context, state: &state, env: env)
    }

    /// A key while a form is on top: reference fields complete or pick, the form takes the rest.
    private static func pressInForm(_ key: Key, _ dialog: FormDialog, binding: KeyBinding<DeskCommand>?,
                                    state: inout DeskState, env: DeskEnvironment) -> Flow {
        var dialog = dialog
        var meaning: StandardCommand?
        if case .nav(let command)? = binding?.command { meaning = command }
        // A reference field: Enter completes what was typed or opens the cases that fit;
        // the choose-case key opens them.
        if let field = dialog.form.focusedField, ReferenceField.isReference(field) {
            if binding?.command == .chooseCase {
                ReferenceField.openPicker(dialog, field: field.id, query: dialog.form.text(field.id),
                                          candidates: ReferenceField.candidates(for: dialog, env: env), state: &state)
                return .continue
            }
            if meaning == .confirm {
                if ReferenceField.enter(&dialog, field: field.id, state: &state, env: env) { return .continue }
                state.overlays[state.overlays.count - 1] = .form(dialog)
            }
        }
        let outcome = dialog.form.handle(key, command: meaning)
        // A key the form would not take (a letter in a date) is explained, not dropped.
        if let notice = dialog.form.notice {
            state.message = .error(notice)
            dialog.form.notice = nil
        }
        state.overlays[state.overlays.count - 1] = .form(dialog)
        // What Enter would complete, beside a reference field, as the officer types.
        if let id = dialog.form.focusedField?.id, ReferenceField.ids.contains(id) || id == "counterpart" {
            ReferenceField.refreshNote(state: &state, env: env)
        }
        switch outcome {
        case .handled: return .continue
        case .submit: submitForm(state: &state, env: env); return .continue
        case .cancel: cancelForm(state: &state); return .continue
        case .unhandled:
            // Help still works from a form; q on a button closes it like Esc (asking first
            // when something was typed).
            if binding?.command == .close { cancelForm(state: &state); return .continue }
            if env.keys.binding(for: key, in: [.global])?.command == .nav(.help) { state.helpScroll = 0 }
            return .continue
        }
    }

    /// A key while the command palette is on top: move, page, choose or narrow.
    private static func pressInPalette(_ key: Key, _ palette: Palette, binding: KeyBinding<DeskCommand>?,
                                       state: inout DeskState, env: DeskEnvironment) -> Flow {
        var palette = palette
        if let command = binding?.command {
            if command == .nav(.cancel) { state.overlays.removeLast(); return .continue }
            if command == .nav(.confirm) { return runPaletteChoice(state: &state, env: env) }
        }
        let page = max(1, state.size.height / 2)
        switch key {
        case .up: palette.selected = max(0, palette.selected - 1)
        case .down: palette.selected += 1
        case .pageUp: palette.selected = max(0, palette.selected - page)
        case .pageDown: palette.selected += page
        default:
            if palette.input.handle(key) { palette.selected = 0 }
        }
        palette.selected = min(palette.selected, max(0, PaletteEntries.matching(palette.input.text, keys: env.keys).count - 1))
        state.overlays[state.overlays.count - 1] = .palette(palette)
        return .continue
    }

    // MARK: commands

    static func perform(_ command: DeskCommand, in context: KeyContext, state: inout DeskState,
                        env: DeskEnvironment) -> Flow {
        // Dialogs first: a picker, a question.
        if state.helpScroll == nil, let top = state.overlays.last,
           let flow = performInDialog(command, top, in: context, state: &state, env: env) {
            return flow
        }
        switch command {
        case .quit: return requestQuit(state: &state)
        case .nav(.help):
            state.helpScroll = state.helpScroll == nil ? 0 : nil
        case .palette: state.overlays.append(.palette(Palette()))
        case .refresh:
            state.reloadAll(env)
            state.message = .info("reloaded")
        case .show(let tab): show(tab, state: &state, env: env)
        case .nextTab: show(state.tab.moved(by: 1), state: &state, env: env)
        case .previousTab: show(state.tab.moved(by: -1), state: &state, env: env)
        case .nav(let nav): move(nav, state: &state, env: env)
        case .close:
            let home = state.homeTab(env)
            if state.helpScroll != nil { state.helpScroll = nil } else if !state.caseStack.isEmpty { state.closeCase(env) } else if state.tab != home {
                show(home, state: &state, env: env)
            }
        case .back:
            if state.helpScroll != nil { state.helpScroll = nil } else if !state.caseStack.isEmpty { state.closeCase(env) } else {
                performOnScreen(.back, state: &state, env: env)
            }
        default:
            performOnScreen(command, state: &state, env: env)
        }
        return .continue
    }

    /// A command while a question, a picker or a detail is on top; nil when that overlay does
    /// not take commands here (forms, the palette).
    static func performInDialog(_ command: DeskCommand, _ top: Overlay, in context: KeyContext,
                                state: inout DeskState, env: DeskEnvironment) -> Flow? {
        switch top {
        case .question(let q):
            switch command {
            case .yes:
                state.overlays.removeLast()
                switch q.onYes {
                case .quit: return .quit
                case .discardForm:
                    if case .form? = state.overlays.last { state.overlays.removeLast() }
                }
            case .no, .nav(.cancel), .close: state.overlays.removeLast()
            default: break
            }
        case .picker(var picker):
            switch command {
            case .nav(.cancel) where !picker.query.isEmpty:
                // Esc first drops what was typed, then closes.
                picker.query = TextInput()
                picker.table = TableState()
                state.overlays[state.overlays.count - 1] = .picker(picker)
            case .nav(.cancel), .close: state.overlays.removeLast()
            case .nav(.confirm): choose(picker, state: &state, env: env)
            case .nav(let nav) where context == .list:
                picker.table.apply(nav, rowCount: picker.shown.count, pageSize: Overlays.pickerPageSize(picker, size: state.size))
                state.overlays[state.overlays.count - 1] = .picker(picker)
            case .quit: return requestQuit(state: &state)
            case .nav(.help): state.helpScroll = 0
            default: break
            }
        case .detail(var detail):
            switch command {
            case .yes: if let letter = detail.letter { LetterForm.save(letter, state: &state, env: env) }
            case .nav(.cancel), .nav(.confirm), .no, .close: state.overlays.removeLast()
            case .nav(let nav) where context == .list:
                let layout = Overlays.detailLayout(detail, size: state.size)
                var t = TableState(selected: detail.offset)
                t.apply(nav, rowCount: max(1, layout.lines.count - layout.rows + 1), pageSize: layout.rows)
                detail.offset = t.selected
                state.overlays[state.overlays.count - 1] = .detail(detail)
            default: break
            }
        default:
            return nil
        }
        return .continue
    }

    /// A command of the screen shown: the open case, or the tab's list.
    static func performOnScreen(_ command: DeskCommand, state: inout DeskState, env: DeskEnvironment) {
        if state.helpScroll != nil { return }
        if !state.caseStack.isEmpty { CaseCommands.perform(command, state: &state, env: env); return }
        state.tab.screen.perform(command, state: &state, env: env)
    }

    static func show(_ tab: DeskTab, state: inout DeskState, env: DeskEnvironment) {
        state.tab = tab
        state.caseStack = []
        state.helpScroll = nil
        for screen in DeskTab.all { screen.leave(&state) }
        tab.screen.reload(&state, env: env)
    }

    /// Moving in whatever list has the focus.
    static func move(_ nav: StandardCommand, state: inout DeskState, env: DeskEnvironment) {
        if let offset = state.helpScroll {
            let lines = HelpScreen.lines(env.keys, case: state.caseStack.last, keyFile: env.session.keyFile).count
            let h = DeskLayout.body(state.size).height
            var o = offset
            switch nav {
            case .up: o -= 1
            case .down: o += 1
            case .pageUp: o -= h
            case .pageDown: o += h
            case .top: o = 0
            case .bottom: o = lines
            default: break
            }
            state.helpScroll = max(0, min(o, lines - h))
            return
        }
        if var view = state.caseStack.last {
            let lines = CaseScreen.lines(view, width: state.size.width)
            var t = TableState(selected: view.cursor)
            t.apply(nav, rowCount: lines.count, pageSize: CaseScreen.pageSize(view, size: state.size))
            view.cursor = t.selected
            state.caseStack[state.caseStack.count - 1] = view
            return
        }
        state.tab.screen.move(nav, state: &state, env: env)
    }

    // MARK: leaving

    static func requestQuit(state: inout DeskState) -> Flow {
        let unsaved = state.overlays.contains { if case .form(let d) = $0 { return d.form.isDirty } else { return false } }
        guard unsaved else { return .quit }
        if case .question? = state.overlays.last { return .continue }
        state.overlays.append(.question(Question(text: "Quit? What you typed in the form is not saved.", onYes: .quit)))
        return .continue
    }

    static func cancelForm(state: inout DeskState) {
        guard case .form(let dialog)? = state.overlays.last else { return }
        if dialog.form.isDirty {
            state.overlays.append(.question(Question(text: "Close the form? What you typed is not saved.", onYes: .discardForm)))
        } else {
            state.overlays.removeLast()
        }
    }

    static func submitForm(state: inout DeskState, env: DeskEnvironment) {
        guard case .form(let dialog)? = state.overlays.last else { return }
        switch dialog.purpose {
        case .act: ActForm.submit(dialog, state: &state, env: env)
        case .newCase: NewCaseForm.submit(dialog, state: &state, env: env)
        case .directory: DirectoryForm.submit(dialog, state: &state, env: env)
        case .filter: FilterForm.submit(dialog, state: &state, env: env)
        case .deadlineFilter: DeadlineFilterForm.submit(dialog, state: &state, env: env)
        case .letter: LetterForm.submit(dialog, state: &state, env: env)
        case .report: ReportScreen.submitPeriod(dialog, state: &state, env: env)
        case .saveReport: ReportScreen.submitSave(dialog, state: &state, env: env)
        }
    }

    static func choose(_ picker: Picker, state: inout DeskState, env: DeskEnvironment) {
        guard let option = picker.shown[safe: picker.table.selected] else { return }
        state.overlays.removeLast()
        switch picker.purpose {
        case .act(let id, _, let seen):
            if option.value == ActForm.followUpChoice { FollowUpMLA.start(caseID: id, state: &state, env: env); return }
            guard let action = Action(rawValue: option.value) else { return }
            ActForm.open(action: action, caseID: id, seen: seen, state: &state, env: env)
        case .newCase: NewCaseForm.open(option.value, state: &state, env: env)
        case .reference(let field):
            guard case .form(var dialog)? = state.overlays.last else { return }
            ReferenceField.set(option.value, field: field, in: &dialog.form)
            dialog.form.focusNext()
            state.overlays[state.overlays.count - 1] = .form(dialog)
            ReferenceField.refreshNote(state: &state, env: env)
        }
    }

    static func runPaletteChoice(state: inout DeskState, env: DeskEnvironment) -> Flow {
        guard case .palette(let palette)? = state.overlays.last else { return .continue }
        state.overlays.removeLast()
        let entries = PaletteEntries.matching(palette.input.text, keys: env.keys)
        guard let entry = entries[safe: palette.selected] else { return .continue }
        // A command the current screen knows (act, edit, open…) runs here.
        for context in contexts(state) {
            if let here = env.keys.binding(named: entry.name, in: context) {
                return perform(here.command, in: context, state: &state, env: env)
            }
        }
        // A command of another screen takes the officer there first.
        if let tab = DeskTab.owning(entry.context), state.tab != tab || !state.caseStack.isEmpty {
            show(tab, state: &state, env: env)
        } else if entry.context == .caseFile && state.caseStack.isEmpty {
            state.message = .error("\(entry.name): open a case first")
            return .continue
        }
        return perform(entry.command, in: entry.context, state: &state, env: env)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
