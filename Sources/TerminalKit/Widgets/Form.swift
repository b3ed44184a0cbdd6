/// A button at the foot of a form or dialog.
public struct FormButton: Hashable, Sendable {
    public var id: String
    public var title: String
    public init(_ id: String, _ title: String) { self.id = id; self.title = title }
}

/// What a key did to a form.
public enum FormOutcome: Hashable, Sendable {
    /// The form used the key (typing, moving focus).
    case handled
    /// The form does not use this key; the caller may.
    case unhandled
    /// A button was pressed (Enter or Space on it), or Ctrl-S pressed (the last button).
    case pressed(String)
    /// Esc.
    case cancelled
}

/// A form: fields (text, text area, date, choice, checkbox list) and buttons, one focused.
///
/// Keys: Tab / Shift-Tab move the focus through fields and buttons; ↑/↓ do so too except inside
/// a text area or a checkbox list, which use them first. Enter moves on from a one-line field,
/// inserts a line in a text area and presses a button. Esc cancels; Ctrl-S presses the last
/// button (the form's main action). Validation messages sit under their field; an error set by
/// the application (the engine refused, citing an article) shows the same way, and what was
/// typed stays.
public struct Form: Hashable, Sendable {
    public var fields: [FormField]
    public var buttons: [FormButton]
    /// Index into fields, then buttons.
    public var focus: Int
    /// Width of the label column for one-line fields (nil: widest label + 1, at most a third).
    public var labelWidth: Int?

    public init(fields: [FormField], buttons: [FormButton] = [], focus: Int = 0, labelWidth: Int? = nil) {
        self.fields = fields; self.buttons = buttons; self.labelWidth = labelWidth
        self.focus = min(max(0, focus), max(0, fields.count + buttons.count - 1))
    }

    public var focusCount: Int { fields.count + buttons.count }
    public var focusedField: FormField? { fields.indices.contains(focus) ? fields[focus] : nil }
    public var focusedButton: FormButton? {
        let b = focus - fields.count
        return buttons.indices.contains(b) ? buttons[b] : nil
    }

    public subscript(id: String) -> FormField? {
        get { fields.first { $0.id == id } }
        set {
            guard let i = fields.firstIndex(where: { $0.id == id }) else { return }
            if let newValue { fields[i] = newValue }
        }
    }

    /// Sets (or clears, with nil) the message under field `id`.
    public mutating func setError(_ message: String?, for id: String) {
        if let i = fields.firstIndex(where: { $0.id == id }) { fields[i].error = message }
    }
    public mutating func clearErrors() { for i in fields.indices { fields[i].error = nil } }
    public var hasErrors: Bool { fields.contains { $0.error != nil } }

    /// Checks required fields and date formats, sets messages, focuses the first field in
    /// error; returns true when all is well. Rules of the application are checked by the
    /// application (``setError(_:for:)``).
    @discardableResult
    public mutating func validate() -> Bool {
        var first: Int?
        for i in fields.indices {
            let f = fields[i]
            var message: String?
            if f.required && f.isEmpty {
                if case .checkboxes = f.kind { message = "tick at least one" } else { message = "required" }
            } else if case .date(let t) = f.kind, !t.text.isEmpty, !isValidISODate(t.text) {
                message = "not a date: write YYYY-MM-DD"
            }
            fields[i].error = message
            if message != nil && first == nil { first = i }
        }
        if let first { focus = first }
        return first == nil
    }

    public mutating func focusNext() { if focusCount > 0 { focus = (focus + 1) % focusCount } }
    public mutating func focusPrevious() { if focusCount > 0 { focus = (focus - 1 + focusCount) % focusCount } }

    @discardableResult
    public mutating func handle(_ key: Key) -> FormOutcome {
        switch key {
        case .tab: focusNext(); return .handled
        case .backTab: focusPrevious(); return .handled
        case .escape: return .cancelled
        case .ctrl("s"): return buttons.last.map { .pressed($0.id) } ?? .unhandled
        default: break
        }
        if let button = focusedButton {
            switch key {
            case .enter, .space: return .pressed(button.id)
            case .left, .up: focusPrevious(); return .handled
            case .right, .down: focusNext(); return .handled
            default: return .unhandled
            }
        }
        guard fields.indices.contains(focus) else { return .unhandled }
        let index = focus  // focus may move below; the edit belongs to this field
        var field = fields[index]
        defer { fields[index] = field }
        switch field.kind {
        case .text(var input), .date(var input):
            switch key {
            case .enter, .down: focusNext(); return .handled
            case .up: focusPrevious(); return .handled
            default:
                let used = input.handle(key)
                if case .date = field.kind { field.kind = .date(input) } else { field.kind = .text(input) }
                if used { field.error = nil }
                return used ? .handled : .unhandled
            }
        case .textArea(var area, let height):
            if area.handle(key) {
                field.kind = .textArea(area, height: height); field.error = nil
                return .handled
            }
            switch key {
            case .up: focusPrevious(); return .handled
            case .down: focusNext(); return .handled
            default: return .unhandled
            }
        case .choice(let options, var selected):
            guard !options.isEmpty else { return .unhandled }
            switch key {
            case .right, .space: selected = (selected + 1) % options.count
            case .left: selected = (selected - 1 + options.count) % options.count
            case .enter, .down: focusNext(); return .handled
            case .up: focusPrevious(); return .handled
            case .char(let c):
                let lower = String(c).lowercased()
                let order = (1...options.count).map { (selected + $0) % options.count }
                guard let hit = order.first(where: { options[$0].lowercased().hasPrefix(lower) }) else { return .unhandled }
                selected = hit
            default: return .unhandled
            }
            field.kind = .choice(options: options, selected: selected); field.error = nil
            return .handled
        case .checkboxes(let options, var checked, var cursor):
            switch key {
            case .up:
                if cursor == 0 { focusPrevious(); return .handled }
                cursor -= 1
            case .down:
                if cursor >= options.count - 1 { focusNext(); return .handled }
                cursor += 1
            case .space, .char("x"):
                guard options.indices.contains(cursor) else { return .unhandled }
                if checked.contains(cursor) { checked.remove(cursor) } else { checked.insert(cursor) }
                field.error = nil
            case .enter: focusNext(); return .handled
            default: return .unhandled
            }
            field.kind = .checkboxes(options: options, checked: checked, cursor: cursor)
            return .handled
        }
    }
}
