import CaseStore
import Casework
import TerminalKit

/// Draws the whole screen from the state: a pure function, tested by reading its lines.
enum DeskRender {
    static func frame(_ state: DeskState, env: DeskEnvironment, size: Size) -> Frame {
        var buffer = Buffer(size)
        var cursor: Position?
        drawTop(state, env: env, into: &buffer, size: size)
        let body = DeskLayout.body(size)
        Rule().render(into: &buffer, area: Rect(x: 0, y: 2, width: size.width, height: 1))
        if let offset = state.helpScroll {
            HelpScreen.render(offset: offset, keys: env.keys, case: state.caseStack.last, keyFile: env.session.keyFile,
                              into: &buffer, area: body)
        } else if let view = state.caseStack.last {
            CaseScreen.render(view, into: &buffer, area: body,
                              sectionKey: env.keys.binding(named: "next-section", in: .caseFile)?.keys.first?.label ?? "Tab")
        } else {
            state.tab.screen.render(state, env: env, into: &buffer, area: body)
        }
        Rule().render(into: &buffer, area: Rect(x: 0, y: size.height - 3, width: size.width, height: 1))
        cursor = drawInfo(state, env: env, into: &buffer, area: DeskLayout.info(size))
        StatusBar(hints: hints(state, env: env)).render(into: &buffer, area: DeskLayout.hints(size))
        if state.helpScroll == nil {
            for overlay in state.overlays {
                cursor = Overlays.render(overlay, state: state, env: env, into: &buffer, size: size)
            }
        }
        return Frame(buffer: buffer, cursor: cursor)
    }

    /// " cadesk · Central Authority of Ruritania        a.moreau (supervisor)  2026-03-01"
    static func drawTop(_ state: DeskState, env: DeskEnvironment, into buffer: inout Buffer, size: Size) {
        let row = DeskLayout.top(size)
        let right = "\(env.session.officer) (\(env.session.role.rawValue))  \(env.session.today)"
        buffer.write("\(right) ", in: row, style: .normal, alignment: .right)
        let room = max(0, row.width - displayWidth(right) - 4)
        buffer.write(" cadesk", x: 0, y: 0, style: Style(.header, [.bold]))
        // A training database says so on every screen: its cases and dates are not real.
        let mark = env.session.isTraining() ? " TRAINING" : ""
        if !mark.isEmpty { buffer.write(mark, x: 7, y: 0, style: Style(.overdue, [.bold]), maxWidth: max(0, room - 7)) }
        let x = 7 + mark.count
        buffer.write(" · " + TextFit.truncate(Sanitize.terminalSafe(state.policy.officeName), width: max(0, room - 10 - mark.count)),
                     x: x, y: 0, style: .normal, maxWidth: max(0, room - x))
        let tabs = DeskLayout.tabs(size)
        Tabs(DeskTab.allCases.map(\.title), selected: state.caseStack.isEmpty && state.helpScroll == nil ? state.tab.index : -1)
            .render(into: &buffer, area: tabs)
        var crumb = ""
        if state.helpScroll != nil { crumb = "› Help" } else if !state.caseStack.isEmpty { crumb = "› " + state.caseStack.map(\.file.ref).joined(separator: " › ") }
        let used = DeskTab.allCases.map { displayWidth($0.title) + 3 }.reduce(1, +)
        // Cases opened from cases: the latest ones are kept whole, the first give way to "…".
        var refs = state.caseStack.map(\.file.ref)
        while refs.count > 1, state.helpScroll == nil, displayWidth(crumb) > tabs.width - used - 1 {
            refs.removeFirst()
            crumb = "› … › " + refs.joined(separator: " › ")
        }
        if !crumb.isEmpty {
            buffer.write(crumb, x: used + 1, y: tabs.y, style: Style(.accent, [.bold]), maxWidth: max(0, tabs.width - used - 1))
        }
    }

    /// The line above the key hints: office counts and filter, the search being typed, or a message.
    static func drawInfo(_ state: DeskState, env: DeskEnvironment, into buffer: inout Buffer, area: Rect) -> Position? {
        buffer.clear(area)
        var cursor: Position?
        var x = area.x + 1
        let onList = state.caseStack.isEmpty && state.helpScroll == nil
        if onList {
            cursor = state.tab.screen.drawInfo(state, env: env, into: &buffer, area: area, x: &x)
        } else if let view = state.caseStack.last, state.helpScroll == nil {
            let pending = view.deadlines.filter { $0.status.isPending }.sorted { $0.days < $1.days }
            if let d = pending.first {
                x += buffer.write("next: " + Phrases.due(d.kind, days: d.days) + " (\(d.due))", x: x, y: area.y,
                             style: Phrases.style(d.status) ?? .normal)
            } else {
                x += buffer.write("no deadline pending", x: x, y: area.y, style: .muted)
            }
        }
        if let m = state.message {
            let text = TextFit.truncate(Sanitize.terminalSafe(m.text), width: max(0, area.width - 2))
            let w = displayWidth(text)
            let mx = max(area.x + 1, area.right - w - 1)
            if mx < x + 2 {
                // No room for both: the message wins.
                buffer.clear(area)
                buffer.write(text, x: area.x + 1, y: area.y, style: m.isError ? .error : .ok)
                return cursor
            }
            buffer.write(text, x: mx, y: area.y, style: m.isError ? .error : .ok)
        }
        return cursor
    }

    /// Key hints for what has the focus, from the key table.
    /// The hints of these commands, each looked up in its context.
    static func hints(_ keys: KeyTable<DeskCommand>, _ pairs: [(String, KeyContext)]) -> [KeyHint] {
        pairs.flatMap { keys.hints([$0.0], in: $0.1) }
    }

    static func hints(_ state: DeskState, env: DeskEnvironment) -> [KeyHint] {
        let k = env.keys
        func h(_ pairs: [(String, KeyContext)]) -> [KeyHint] { hints(k, pairs) }
        /// While typing, a printable key would be typed: hint a key that is not (F1 for help).
        func typing(_ name: String, _ context: KeyContext) -> [KeyHint] {
            guard let b = k.binding(named: name, in: context), let label = b.label,
                  let key = b.keys.first(where: { if case .char = $0 { return false } else { return true } }) else { return [] }
            return [KeyHint(key: key.label, label: label)]
        }
        if state.helpScroll != nil { return h([("back", .helpScreen), ("close", .helpScreen)]) }
        if let top = state.overlays.last {
            switch top {
            case .question: return h([("yes", .question), ("no", .question)])
            case .form(let dialog):
                // On a reference field: Enter completes, the choose-case key lists the cases that fit.
                let choose = ReferenceField.isReference(dialog.form.focusedField) ? h([("choose-case", .form)]) : []
                return choose + h([("nextField", .form), ("toggle", .form), ("save", .form), ("cancel", .dialog)]) + typing("help", .global)
            case .picker: return h([("confirm", .dialog), ("cancel", .dialog)]) + [KeyHint(key: "a–z", label: "type to narrow")]
            case .palette: return h([("confirm", .dialog), ("cancel", .dialog)])
            case .detail(let d):
                // A letter's preview: y saves it.
                return (d.letter == nil ? [] : h([("yes", .question)])) + h([("cancel", .dialog), ("close", .dialog)])
            }
        }
        if state.helpScroll != nil { return h([("back", .helpScreen), ("close", .helpScreen)]) }
        if let view = state.caseStack.last {
            // A preservation awaiting its follow-up request offers to register it, first.
            let followUp = FollowUpMLA.offered(view.file) ? h([("follow-up", .caseFile)]) : []
            return followUp + h([("act", .caseFile), ("edit", .caseFile), ("letter", .caseFile), ("next-section", .caseFile), ("follow", .caseFile),
                      ("back", .caseFile), ("palette", .global), ("help", .global), ("close", .caseFile)])
        }
        if state.activeSearch != nil {
            return h([("keep-search", .searching), ("drop-search", .searching)]) + typing("help", .global)
        }
        return state.tab.screen.hints(state, env: env)
    }
}
