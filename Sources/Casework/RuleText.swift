import Foundation

/// The words of a refusal, with the inputs it names kept as inputs rather than spelt as the
/// command line's options: `"\(input: .until) is required"`. Each front end phrases the inputs
/// its own way — `--until` on the command line, “Review on” in the desk's dialog — so the
/// domain never speaks in options (STYLE.md).
public struct RuleText: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public enum Part: Sendable, Hashable {
        case text(String)
        case input(ActionInput)
        /// A field of a new case (`case new`), not an input of an action.
        case field(RegistrationField)
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        var text = StringInterpolation(literalCapacity: 0, interpolationCount: 0)
        for part in parts { text.append(part) }
        self.parts = text.parts
    }
    public init(stringLiteral value: String) { parts = value.isEmpty ? [] : [.text(value)] }
    public init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    /// The inputs the text names, in order: what a test asserts and a form marks.
    public var inputs: [ActionInput] {
        parts.compactMap { if case .input(let input) = $0 { return input } else { return nil } }
    }

    /// The registration fields the text names, in order.
    public var fields: [RegistrationField] {
        parts.compactMap { if case .field(let field) = $0 { return field } else { return nil } }
    }

    /// The text with each input named by `name` and each registration field by `field`.
    public func phrased(_ name: (ActionInput) -> String,
                        field: (RegistrationField) -> String = \.option) -> String {
        parts.map { part in
            switch part {
            case .text(let text): return text
            case .input(let input): return name(input)
            case .field(let f): return field(f)
            }
        }.joined()
    }

    /// As the command line says it: inputs spelt as options (`--until`).
    public var description: String { phrased(\.option) }

    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []
        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ literal: String) { append(.text(literal)) }
        public mutating func appendInterpolation<T>(_ value: T) { append(.text(String(describing: value))) }
        /// An input of an action, phrased by the front end.
        public mutating func appendInterpolation(input: ActionInput) { append(.input(input)) }
        /// A field of a new case's registration, phrased by the front end.
        public mutating func appendInterpolation(field: RegistrationField) { append(.field(field)) }
        /// Text that itself names inputs (the `given` of a period check).
        public mutating func appendInterpolation(_ text: RuleText) { text.parts.forEach { append($0) } }

        /// Adjacent text is kept as one part, so equal words compare equal however they were built.
        mutating func append(_ part: Part) {
            switch (parts.last, part) {
            case (_, .text("")): return
            case (.text(let before)?, .text(let more)): parts[parts.count - 1] = .text(before + more)
            default: parts.append(part)
            }
        }
    }
}

extension ActionInput {
    /// The command line's spelling: `--until`, `--item`.
    public var option: String { "--\(rawValue)" }
}

/// What a new case is registered with (`case new`'s options, the desk's new-case form), where a
/// registration rule names one: each front end phrases it, `--deadline-reason` on the command
/// line, “Deadline reasons” in the form. The raw value is the option's (and the form field's) name.
public enum RegistrationField: String, CaseIterable, Sendable {
    case counterpart, received, urgency, oral, basis, deadline, officer, item
    case deadlineReason = "deadline-reason"

    /// The command line's spelling: `--deadline-reason`.
    public var option: String { "--\(rawValue)" }
}
