import Foundation
import TerminalKit

// DeskForm: a form widget built inside DeskApp — TerminalKit had text input and text area but no form when
// the desk was written. Fields stack one under the other; Tab/Shift-Tab (and ↓/↑) move, Space
// ticks, Enter moves on (or presses the focused button), Ctrl-S saves from anywhere.

/// One choice of a picker or a tick list: the value recorded, what is shown, a one-line detail.
struct DeskFormOption: Hashable, Sendable {
    var value: String
    var label: String
    var detail: String = ""
}

/// What a field holds, for reading the form and for telling whether anything was typed.
enum FieldValue: Hashable, Sendable {
    case text(String)
    case choice(String)
    case set([String])
    case flag(Bool)
}

struct DeskFormField: Hashable, Sendable {
    enum Input: Hashable, Sendable {
        case line(TextInput)
        case area(TextArea, rows: Int)
        case choice([DeskFormOption], selected: Int)
        case checks([DeskFormOption], ticked: Set<Int>, cursor: Int)
        case toggle(Bool)
    }
    /// The key the caller reads the value by (an `ActionInput` name, a registration field…).
    var id: String
    var label: String
    /// Shown after the label, muted: "required (art. 40.25)", "YYYY-MM-DD".
    var note: String = ""
    var input: Input
    /// The label on its own row above the input (for long labels: checklist items).
    var stacked = false

    static func line(_ id: String, _ label: String, _ text: String = "", note: String = "", stacked: Bool = false) -> DeskFormField {
        DeskFormField(id: id, label: label, note: note, input: .line(TextInput(text)), stacked: stacked)
    }
    static func area(_ id: String, _ label: String, _ text: String = "", rows: Int = 3, note: String = "") -> DeskFormField {
        DeskFormField(id: id, label: label, note: note, input: .area(TextArea(text), rows: rows))
    }
    static func choice(_ id: String, _ label: String, _ options: [DeskFormOption], selected: Int = 0, note: String = "") -> DeskFormField {
        DeskFormField(id: id, label: label, note: note, input: .choice(options, selected: selected))
    }
    static func checks(_ id: String, _ label: String, _ options: [DeskFormOption], ticked: Set<Int> = [], note: String = "") -> DeskFormField {
        DeskFormField(id: id, label: label, note: note, input: .checks(options, ticked: ticked, cursor: 0))
    }
    static func toggle(_ id: String, _ label: String, _ on: Bool = false, note: String = "") -> DeskFormField {
        DeskFormField(id: id, label: label, note: note, input: .toggle(on))
    }

    var value: FieldValue {
        switch input {
        case .line(let t): return .text(t.text)
        case .area(let t, _): return .text(t.text)
        case .choice(let options, let i): return .choice(options.indices.contains(i) ? options[i].value : "")
        case .checks(let options, let ticked, _): return .set(ticked.sorted().map { options[$0].value })
        case .toggle(let on): return .flag(on)
        }
    }

    /// Gives the field a key; false when it is not a key this field uses (the form moves on).
    mutating func handle(_ key: Key) -> Bool {
        switch input {
        case .line(var t):
            guard t.handle(key) else { return false }
            input = .line(t)
        case .area(var t, let rows):
            guard t.handle(key) else { return false }
            input = .area(t, rows: rows)
        case .choice(let options, var i):
            switch key {
            case .right, .space: i = (i + 1) % max(1, options.count)
            case .left: i = (i - 1 + options.count) % max(1, options.count)
            default: return false
            }
            input = .choice(options, selected: i)
        case .checks(let options, var ticked, var cursor):
            switch key {
            case .up where cursor > 0: cursor -= 1
            case .down where cursor < options.count - 1: cursor += 1
            case .space, .char("x"):
                if ticked.contains(cursor) { ticked.remove(cursor) } else { ticked.insert(cursor) }
            default: return false
            }
            input = .checks(options, ticked: ticked, cursor: cursor)
        case .toggle(let on):
            guard key == .space || key == .char("x") else { return false }
            input = .toggle(!on)
        }
        return true
    }

    /// Rows the field takes (label included).
    var height: Int {
        switch input {
        case .line, .choice, .toggle: return stacked ? 2 : 1
        case .area(_, let rows): return 1 + rows + 2
        case .checks(let options, _, _): return 1 + options.count
        }
    }

    /// Entering from below puts a tick list's cursor on its last choice.
    mutating func enterFromBelow() {
        if case .checks(let options, let ticked, _) = input {
            input = .checks(options, ticked: ticked, cursor: max(0, options.count - 1))
        }
    }
}

/// What a key did to a form.
enum DeskFormOutcome: Equatable {
    case handled, submit, cancel, ignored
}

/// A stack of fields with a Cancel and a save button under them.
struct DeskForm: Hashable, Sendable {
    var fields: [DeskFormField]
    /// The focused field; `fields.count` is the save button, `fields.count + 1` Cancel.
    var focus: Int = 0
    var submitLabel: String
    private var initial: [FieldValue]

    init(_ fields: [DeskFormField], submitLabel: String) {
        self.fields = fields; self.submitLabel = submitLabel
        initial = fields.map(\.value)
    }

    /// Something was typed or changed since the form opened.
    var isDirty: Bool { fields.map(\.value) != initial }

    subscript(id: String) -> FieldValue? { fields.first { $0.id == id }?.value }

    /// The trimmed text of a line or area field ("" when absent).
    func text(_ id: String) -> String {
        if case .text(let t)? = self[id] { return t.trimmingCharacters(in: .whitespacesAndNewlines) }
        if case .choice(let c)? = self[id] { return c }
        return ""
    }
    func choices(_ id: String) -> [String] {
        if case .set(let s)? = self[id] { return s }
        return []
    }
    func flag(_ id: String) -> Bool {
        if case .flag(let f)? = self[id] { return f }
        return false
    }

    mutating func next() { focus = min(fields.count + 1, focus + 1) }
    mutating func previous() {
        guard focus > 0 else { return }
        focus -= 1
        if focus < fields.count { fields[focus].enterFromBelow() }
    }

    /// Applies a key; `command` is what the key table says the key means in a form.
    mutating func handle(_ key: Key, command: DeskCommand?) -> DeskFormOutcome {
        if command == .submit { return .submit }
        if command == .nav(.cancel) { return .cancel }
        if focus < fields.count, fields[focus].handle(key) { return .handled }
        switch command {
        case .nav(.nextField)?: next(); return .handled
        case .nav(.previousField)?: previous(); return .handled
        case .nav(.confirm)?, .nav(.toggle)?:
            if focus == fields.count { return .submit }
            if focus == fields.count + 1 { return .cancel }
            if command == .nav(.confirm) { next() }
            return .handled
        default:
            return .ignored
        }
    }

    // MARK: drawing

    /// Draws the fields in `area` (scrolled to show the focus) and the buttons on its last row;
    /// returns where the terminal cursor goes.
    func render(into buffer: inout Buffer, area: Rect) -> Position? {
        guard area.height >= 2 else { return nil }
        let (body, buttons) = area.splitBottom(1)
        let labelWidth = min(24, (fields.filter { $0.height == 1 }.map { displayWidth($0.label) }.max() ?? 0) + 2)

        // Rows of every field, then the window that shows the focused one.
        var tops: [Int] = []
        var y = 0
        for f in fields { tops.append(y); y += f.height }
        var offset = 0
        if focus < fields.count {
            let top = tops[focus], bottom = top + fields[focus].height
            if bottom > body.height { offset = min(top, bottom - body.height) }
        } else if y > body.height {
            offset = y - body.height
        }
        var cursor: Position?
        for (i, field) in fields.enumerated() {
            let top = tops[i] - offset
            let focused = i == focus
            if let c = render(field, focused: focused, labelWidth: labelWidth, top: top, in: body, into: &buffer) {
                cursor = c
            }
        }
        // Buttons, right-aligned: [ Cancel ]   [ Save ]
        let cancel = "[ Cancel ]", save = "[ \(submitLabel) ]"
        let x = max(buttons.x, buttons.right - displayWidth(cancel) - displayWidth(save) - 4)
        buffer.clear(buttons)
        buffer.write(cancel, x: x, y: buttons.y, style: focus == fields.count + 1 ? .selected : .normal)
        buffer.write(save, x: x + displayWidth(cancel) + 3, y: buttons.y,
                     style: focus == fields.count ? .selected : Style(.accent, [.bold]))
        return cursor
    }

    private func render(_ field: DeskFormField, focused: Bool, labelWidth: Int, top: Int, in area: Rect,
                        into buffer: inout Buffer) -> Position? {
        func row(_ k: Int) -> Rect? {
            let y = top + k
            guard y >= 0, y < area.height else { return nil }
            return Rect(x: area.x, y: area.y + y, width: area.width, height: 1)
        }
        let labelStyle: Style = focused ? Style(.accent, [.bold]) : .normal
        var cursor: Position?
        switch field.input {
        case .line, .choice, .toggle:
            let r: Rect, rest: Rect
            if field.stacked {
                if let top = row(0) { buffer.write(field.label, in: top, style: labelStyle) }
                guard let below = row(1) else { return nil }
                r = below
                rest = below.splitLeft(4).1
            } else {
                guard let only = row(0) else { return nil }
                r = only
                buffer.write(TextFit.truncate(field.label, width: labelWidth - 1), in: r, style: labelStyle)
                rest = r.splitLeft(labelWidth).1
            }
            let noteWidth = field.note.isEmpty ? 0 : min(displayWidth(field.note) + 2, rest.width / 2)
            let (input, noteArea) = rest.splitLeft(rest.width - noteWidth)
            if noteWidth > 0 { buffer.write(field.note, in: noteArea, column: 2, style: .muted) }
            switch field.input {
            case .line(let t):
                let w = max(1, input.width - 1)
                // Underlined even when not focused, so an empty field shows where to type.
                cursor = t.render(into: &buffer, area: Rect(x: input.x, y: input.y, width: w, height: 1), focused: focused,
                                  style: Style(.normal, [.underline]))
            case .choice(let options, let i):
                let text = options.indices.contains(i) ? options[i].label : "—"
                let shown = focused ? "◀ \(text) ▶" : text
                buffer.write(shown, in: input, style: focused ? Style(.normal, [.underline]) : .normal)
                if options.indices.contains(i), !options[i].detail.isEmpty {
                    let used = displayWidth(shown) + 2
                    buffer.write(options[i].detail, in: input, column: used, style: .muted)
                }
            case .toggle(let on):
                buffer.write(on ? "[x]" : "[ ]", in: input, style: focused ? Style(.normal, [.underline]) : .normal)
            default: break
            }
        case .checks(let options, let ticked, let c):
            if let r = row(0) {
                buffer.write(field.label, in: r, style: labelStyle)
                if !field.note.isEmpty {
                    buffer.write(field.note, in: r, column: displayWidth(field.label) + 1, style: .muted)
                }
            }
            let codeWidth = min(24, (options.map { displayWidth($0.label) }.max() ?? 0) + 2)
            for (k, option) in options.enumerated() {
                guard let r = row(1 + k) else { continue }
                let isCursor = focused && k == c
                let box = ticked.contains(k) ? "[x] " : "[ ] "
                let style: Style = isCursor ? .selected : .normal
                buffer.clear(Rect(x: r.x + 2, y: r.y, width: r.width - 2, height: 1), style: style)
                buffer.write(box + TextFit.pad(option.label, width: codeWidth) + option.detail, in: r, column: 2, style: style)
            }
        case .area(let t, let rows):
            if let r = row(0) {
                buffer.write(field.label, in: r, style: labelStyle)
                if !field.note.isEmpty {
                    buffer.write(field.note, in: r, column: displayWidth(field.label) + 1, style: .muted)
                }
            }
            let boxTop = top + 1
            let visibleTop = max(0, boxTop), visibleBottom = min(area.height, boxTop + rows + 2)
            if visibleBottom - visibleTop == rows + 2 {
                let boxArea = Rect(x: area.x, y: area.y + boxTop, width: area.width, height: rows + 2)
                let inner = Box(style: focused ? .accent : .muted).render(into: &buffer, area: boxArea)
                cursor = t.render(into: &buffer, area: inner.inset(horizontal: 1, vertical: 0), focused: focused)
            }
        }
        return focused ? cursor : nil
    }
}
