/// One choice of a picker or a tick list: the value recorded, what is shown, a one-line detail
/// (`40.21(c)`, "our law would forbid this in a similar domestic case").
public struct FormOption: Hashable, Sendable {
    public var value: String
    public var label: String
    public var detail: String
    public init(value: String, label: String, detail: String = "") {
        self.value = value; self.label = label; self.detail = detail
    }
    /// An option shown as the value it records.
    public init(_ value: String) { self.init(value: value, label: value) }
}

/// What a field holds: for reading the form and for telling whether anything was typed.
public enum FieldValue: Hashable, Sendable {
    case text(String)
    case choice(String)
    case set([String])
    case flag(Bool)
}

/// A labelled form field, with a muted note after its label and its validation message.
public struct FormField: Hashable, Sendable, Identifiable {
    public enum Input: Hashable, Sendable {
        /// One line of text.
        case line(TextInput)
        /// `rows` rows of text inside a box.
        case area(TextArea, rows: Int)
        /// One of the options; ←/→ or Space cycle.
        case choice([FormOption], selected: Int)
        /// Any number of the options; ↑/↓ move, Space or x ticks.
        case checks([FormOption], ticked: Set<Int>, cursor: Int)
        /// On or off; Space or x.
        case toggle(Bool)
    }

    /// The key the caller reads the value by.
    public var id: String
    public var label: String
    /// Shown after the label, muted: "required (art. 40.25)", "YYYY-MM-DD".
    public var note: String
    public var input: Input
    /// The label on its own row above the input (for long labels: checklist items).
    public var stacked: Bool
    /// Empty is refused by ``Form/validate()`` (nothing ticked, for a tick list).
    public var required: Bool
    /// A line that ``Form/validate()`` checks is a date, `YYYY-MM-DD`.
    public var isDate: Bool
    /// Shown under the field in the error style, until the field is changed; set by
    /// ``Form/validate()`` or by the application (a rule it checks, with its article).
    public var error: String?

    public init(id: String, label: String, note: String = "", input: Input, stacked: Bool = false,
                required: Bool = false, isDate: Bool = false, error: String? = nil) {
        self.id = id; self.label = label; self.note = note; self.input = input; self.stacked = stacked
        self.required = required; self.isDate = isDate; self.error = error
    }

    public static func line(_ id: String, _ label: String, _ text: String = "", note: String = "", stacked: Bool = false,
                            required: Bool = false) -> FormField {
        FormField(id: id, label: label, note: note, input: .line(TextInput(text)), stacked: stacked, required: required)
    }
    public static func date(_ id: String, _ label: String, _ text: String = "", note: String = "YYYY-MM-DD",
                            required: Bool = false) -> FormField {
        FormField(id: id, label: label, note: note, input: .line(TextInput(text, maxLength: 10)), required: required, isDate: true)
    }
    public static func area(_ id: String, _ label: String, _ text: String = "", rows: Int = 3, note: String = "",
                            required: Bool = false) -> FormField {
        FormField(id: id, label: label, note: note, input: .area(TextArea(text), rows: max(1, rows)), required: required)
    }
    public static func choice(_ id: String, _ label: String, _ options: [FormOption], selected: Int = 0, note: String = "") -> FormField {
        FormField(id: id, label: label, note: note,
                  input: .choice(options, selected: min(max(0, selected), max(0, options.count - 1))))
    }
    public static func checks(_ id: String, _ label: String, _ options: [FormOption], ticked: Set<Int> = [], note: String = "",
                              required: Bool = false) -> FormField {
        FormField(id: id, label: label, note: note, input: .checks(options, ticked: ticked, cursor: 0), required: required)
    }
    public static func toggle(_ id: String, _ label: String, _ on: Bool = false, note: String = "") -> FormField {
        FormField(id: id, label: label, note: note, input: .toggle(on))
    }

    public var value: FieldValue {
        switch input {
        case .line(let t): return .text(t.text)
        case .area(let t, _): return .text(t.text)
        case .choice(let options, let i): return .choice(options.indices.contains(i) ? options[i].value : "")
        case .checks(let options, let ticked, _): return .set(ticked.sorted().map { options[$0].value })
        case .toggle(let on): return .flag(on)
        }
    }

    /// Nothing typed, chosen or ticked (what ``required`` refuses).
    var isEmpty: Bool {
        switch value {
        case .text(let t): return t.allSatisfy(\.isWhitespace)
        case .choice(let c): return c.isEmpty
        case .set(let s): return s.isEmpty
        case .flag: return false
        }
    }

    /// Why a key was not typed into a date (a letter; a date already full), for the caller to
    /// show; nil when the key is fine.
    func dateRefusal(_ key: Key) -> String? {
        guard isDate, case .line(let t) = input, case .char(let c) = key else { return nil }
        guard c.isASCII && (c.isNumber || c == "-") else {
            return "“\(Sanitize.terminalSafe(String(c)))” not typed — a date is digits and dashes, YYYY-MM-DD"
        }
        if let max = t.maxLength, t.characters.count >= max {
            return "the date is complete (YYYY-MM-DD) — Backspace or Ctrl-U to change it"
        }
        return nil
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
            // ↑/↓ and the list keys j/k move through the choices; past either end the form
            // moves to the field before or after.
            switch key {
            case .up where cursor > 0, .char("k") where cursor > 0: cursor -= 1
            case .down where cursor < options.count - 1, .char("j") where cursor < options.count - 1: cursor += 1
            case .space, .char("x"):
                guard options.indices.contains(cursor) else { return false }
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

    /// A one-row field with its label beside it (the label column is as wide as the widest).
    var isInline: Bool {
        switch input {
        case .line, .choice, .toggle: return !stacked
        case .area, .checks: return false
        }
    }

    /// Rows the field takes: label, input, and its message when it has one.
    var height: Int {
        let body: Int
        switch input {
        case .line, .choice, .toggle: body = stacked ? 2 : 1
        case .area(_, let rows): body = 1 + rows + 2
        case .checks(let options, _, _): body = 1 + options.count
        }
        return body + (error == nil ? 0 : 1)
    }

    /// Entering from below puts a tick list's cursor on its last choice.
    mutating func enterFromBelow() {
        if case .checks(let options, let ticked, _) = input {
            input = .checks(options, ticked: ticked, cursor: max(0, options.count - 1))
        }
    }
}

/// Checks `YYYY-MM-DD` and that the day exists (Gregorian calendar).
public func isValidISODate(_ s: String) -> Bool {
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    guard s.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
          let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
          parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return false }
    guard (1...12).contains(m), y >= 1 else { return false }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return (1...days).contains(d)
}
