/// One tickable option in a checkbox list (a refusal ground): a short code and its text.
public struct CheckboxOption: Hashable, Sendable {
    public var code: String
    public var text: String
    public init(_ code: String, _ text: String = "") { self.code = code; self.text = text }
}

/// What a form field holds and how it is edited.
public enum FieldKind: Hashable, Sendable {
    case text(TextInput)
    /// `height` rows of text inside a box.
    case textArea(TextArea, height: Int)
    /// A `YYYY-MM-DD` text field; ``Form/validate()`` checks that the date exists.
    case date(TextInput)
    /// One of `options`; ←/→ or Space cycle, a letter jumps.
    case choice(options: [String], selected: Int)
    /// Any number of `options`; ↑/↓ move, Space or x ticks.
    case checkboxes(options: [CheckboxOption], checked: Set<Int>, cursor: Int)
}

/// A labelled form field with its validation message.
public struct FormField: Hashable, Sendable, Identifiable {
    public var id: String
    public var label: String
    public var kind: FieldKind
    /// Empty is refused by ``Form/validate()`` (nothing ticked, for a checkbox list).
    public var required: Bool
    /// Muted text in an empty field ("YYYY-MM-DD").
    public var placeholder: String
    /// Shown under the field in the error style; set by validation or by the application
    /// (a refusal by the engine, with its article).
    public var error: String?

    public init(id: String, label: String, kind: FieldKind, required: Bool = false, placeholder: String = "", error: String? = nil) {
        self.id = id; self.label = label; self.kind = kind; self.required = required
        self.placeholder = placeholder; self.error = error
    }

    public static func text(_ id: String, _ label: String, value: String = "", required: Bool = false,
                            placeholder: String = "", maxLength: Int? = nil) -> FormField {
        FormField(id: id, label: label, kind: .text(TextInput(value, maxLength: maxLength)), required: required, placeholder: placeholder)
    }
    public static func textArea(_ id: String, _ label: String, value: String = "", height: Int = 3,
                                required: Bool = false, placeholder: String = "") -> FormField {
        FormField(id: id, label: label, kind: .textArea(TextArea(value), height: max(1, height)), required: required, placeholder: placeholder)
    }
    public static func date(_ id: String, _ label: String, value: String = "", required: Bool = false) -> FormField {
        FormField(id: id, label: label, kind: .date(TextInput(value, maxLength: 10)), required: required, placeholder: "YYYY-MM-DD")
    }
    public static func choice(_ id: String, _ label: String, options: [String], selected: Int = 0) -> FormField {
        FormField(id: id, label: label, kind: .choice(options: options, selected: min(max(0, selected), max(0, options.count - 1))))
    }
    public static func checkboxes(_ id: String, _ label: String, options: [CheckboxOption], checked: Set<Int> = [],
                                  required: Bool = false) -> FormField {
        FormField(id: id, label: label, kind: .checkboxes(options: options, checked: checked, cursor: 0), required: required)
    }

    /// The text of a text, text-area or date field; the chosen option of a choice; nil otherwise.
    public var text: String? {
        switch kind {
        case .text(let t), .date(let t): return t.text
        case .textArea(let a, _): return a.text
        case .choice(let options, let selected): return options.indices.contains(selected) ? options[selected] : nil
        case .checkboxes: return nil
        }
    }

    /// Indices ticked in a checkbox list, in order.
    public var checked: [Int] {
        if case .checkboxes(_, let checked, _) = kind { return checked.sorted() }
        return []
    }

    /// Codes ticked in a checkbox list, in order.
    public var checkedCodes: [String] {
        if case .checkboxes(let options, let checked, _) = kind { return checked.sorted().map { options[$0].code } }
        return []
    }

    var isInline: Bool {
        switch kind {
        case .text, .date, .choice: return true
        case .textArea, .checkboxes: return false
        }
    }

    var isEmpty: Bool {
        switch kind {
        case .text(let t), .date(let t): return t.text.trimmingSpaces.isEmpty
        case .textArea(let a, _): return a.text.trimmingSpaces.isEmpty || a.text.allSatisfy { $0 == "\n" || $0 == " " }
        case .choice(let options, _): return options.isEmpty
        case .checkboxes(_, let checked, _): return checked.isEmpty
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
