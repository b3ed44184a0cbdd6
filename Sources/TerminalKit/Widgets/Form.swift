/// What a key did to a form.
public enum FormOutcome: Hashable, Sendable {
    /// The form used the key (typing, ticking, moving the focus).
    case handled
    /// Save: Ctrl-S anywhere, or Enter or Space on the save button.
    case submit
    /// Esc, or Enter or Space on the Cancel button.
    case cancel
    /// The form does not use this key; the caller may (help, quit).
    case unhandled
}

/// A form: fields stacked one under the other, then `[ Cancel ]   [ Save ]`, one thing focused.
///
/// Keys, by what the caller's key table says they mean (``StandardCommand``): the focused field
/// sees a key first (typing, ←/→ in a choice, ↑/↓ inside a text area or a tick list, Space or x to
/// tick). Otherwise Tab/↓ move to the next field and Shift-Tab/↑ to the previous one (after the
/// last field: the save button, then Cancel); Enter moves on from a field and presses a button,
/// as Space does; Esc cancels; Ctrl-S saves from anywhere.
///
/// Messages: ``validate()`` and ``setError(_:for:)`` put one under a field (it goes when the field
/// is changed); ``error`` — the application's, such as a refusal by the engine citing its
/// article — shows above the fields. Either way, what was typed stays.
public struct Form: Hashable, Sendable {
    public var fields: [FormField]
    /// Index into `fields`; `fields.count` is the save button, `fields.count + 1` Cancel.
    public var focus: Int
    public var submitLabel: String
    public var cancelLabel: String
    /// The application's message about the whole form (a refusal, a value it could not read).
    public var error: String?
    /// Why the last key did nothing (a letter typed into a date): for the caller's status line,
    /// which should take it and clear it.
    public var notice: String?
    private var initial: [FieldValue]

    public init(_ fields: [FormField], submitLabel: String = "Save", cancelLabel: String = "Cancel", focus: Int = 0) {
        self.fields = fields; self.submitLabel = submitLabel; self.cancelLabel = cancelLabel
        self.focus = min(max(0, focus), fields.count + 1)
        initial = fields.map(\.value)
    }

    /// Something was typed, chosen or ticked since the form opened (for "quit without saving?").
    public var isDirty: Bool { fields.map(\.value) != initial }

    public var focusedField: FormField? { fields.indices.contains(focus) ? fields[focus] : nil }
    public var submitFocused: Bool { focus == fields.count }
    public var cancelFocused: Bool { focus == fields.count + 1 }

    public subscript(id: String) -> FormField? {
        get { fields.first { $0.id == id } }
        set {
            guard let newValue, let i = fields.firstIndex(where: { $0.id == id }) else { return }
            fields[i] = newValue
        }
    }

    /// The trimmed text of a line or area field, the value of a choice ("" when absent).
    public func text(_ id: String) -> String {
        switch self[id]?.value {
        case .text(let t)?:
            guard let start = t.firstIndex(where: { !$0.isWhitespace }), let end = t.lastIndex(where: { !$0.isWhitespace }) else { return "" }
            return String(t[start...end])
        case .choice(let c)?: return c
        default: return ""
        }
    }
    /// The values ticked in a tick list, in order.
    public func choices(_ id: String) -> [String] {
        if case .set(let s)? = self[id]?.value { return s }
        return []
    }
    public func flag(_ id: String) -> Bool {
        if case .flag(let f)? = self[id]?.value { return f }
        return false
    }

    // MARK: messages

    /// Sets (or clears, with nil) the message under field `id`.
    public mutating func setError(_ message: String?, for id: String) {
        if let i = fields.firstIndex(where: { $0.id == id }) { fields[i].error = message }
    }
    public mutating func clearErrors() {
        error = nil
        for i in fields.indices { fields[i].error = nil }
    }
    public var hasErrors: Bool { error != nil || fields.contains { $0.error != nil } }

    /// Checks required fields and dates, puts a message under each field in error and focuses
    /// the first; true when all is well. Rules of the application are the application's to check
    /// (``setError(_:for:)``, ``error``).
    @discardableResult
    public mutating func validate() -> Bool {
        var first: Int?
        for i in fields.indices {
            let f = fields[i]
            var message: String?
            if f.required && f.isEmpty {
                if case .checks = f.input { message = "tick at least one" } else { message = "required" }
            } else if f.isDate, case .text(let t) = f.value, !t.isEmpty, !isValidISODate(t) {
                message = "not a date: write YYYY-MM-DD"
            }
            fields[i].error = message
            if message != nil && first == nil { first = i }
        }
        if let first { focus = first }
        return first == nil
    }

    // MARK: keys

    public mutating func focusNext() { focus = min(fields.count + 1, focus + 1) }
    public mutating func focusPrevious() {
        guard focus > 0 else { return }
        focus -= 1
        if focus < fields.count { fields[focus].enterFromBelow() }
    }

    /// Applies a key with the kit's default keys (``KeyTable/standard``).
    @discardableResult
    public mutating func handle(_ key: Key) -> FormOutcome {
        handle(key, command: KeyTable.standard.command(for: key, in: [.form, .dialog]))
    }

    /// Applies a key; `command` is what the caller's key table says the key means in a form.
    @discardableResult
    public mutating func handle(_ key: Key, command: StandardCommand?) -> FormOutcome {
        if command == .save { return .submit }
        if command == .cancel { return .cancel }
        notice = nil
        if fields.indices.contains(focus) {
            if let refusal = fields[focus].dateRefusal(key) {
                // Said under the field and, for the caller's status line, with the field's name.
                fields[focus].error = refusal
                notice = "\(Sanitize.terminalSafe(fields[focus].label)): \(refusal)"
                return .handled
            }
            let before = fields[focus].value
            if fields[focus].handle(key) {
                if fields[focus].value != before { fields[focus].error = nil }
                return .handled
            }
        }
        // In a tick list j and k are the list keys: past its ends they leave it as ↓ and ↑ do.
        if case .checks? = focusedField?.input {
            if key == .char("j") { focusNext(); return .handled }
            if key == .char("k") { focusPrevious(); return .handled }
        }
        switch command {
        case .nextField?: focusNext(); return .handled
        case .previousField?: focusPrevious(); return .handled
        case .confirm?, .toggle?:
            if submitFocused { return .submit }
            if cancelFocused { return .cancel }
            if command == .confirm { focusNext() }
            return .handled
        default:
            return .unhandled
        }
    }
}
