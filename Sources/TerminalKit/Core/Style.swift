/// What a piece of text *means* on screen. Backends map roles to colours (or, in monochrome,
/// to bold/reverse/dim), as htop's `CRT.c` does, so screens never name a colour.
public enum Role: String, Hashable, Sendable, CaseIterable {
    case normal, header, selected, muted, overdue, dueSoon, error, ok, accent
}

/// Extra attributes layered on a role (`selected` + `bold`, for instance).
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let reverse = Attributes(rawValue: 2)
    public static let underline = Attributes(rawValue: 4)
    public static let dim = Attributes(rawValue: 8)
}

/// The style of one cell: a role and optional attributes.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    public var role: Role
    public var attributes: Attributes
    public init(_ role: Role = .normal, _ attributes: Attributes = []) {
        self.role = role; self.attributes = attributes
    }
    public static let normal = Style(.normal)
    public static let header = Style(.header)
    public static let selected = Style(.selected)
    public static let muted = Style(.muted)
    public static let overdue = Style(.overdue)
    public static let dueSoon = Style(.dueSoon)
    public static let error = Style(.error)
    public static let ok = Style(.ok)
    public static let accent = Style(.accent)

    public func adding(_ a: Attributes) -> Style { Style(role, attributes.union(a)) }
    public var bold: Style { adding(.bold) }

    public var description: String {
        attributes.isEmpty ? role.rawValue : "\(role.rawValue)+\(attributes.rawValue)"
    }
}

/// The eight basic terminal colours; `nil` in a `Look` means the terminal's default.
public enum TerminalColor: Int16, Hashable, Sendable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
}

/// How one role looks on a terminal.
public struct Look: Hashable, Sendable {
    public var foreground: TerminalColor?
    public var background: TerminalColor?
    public var attributes: Attributes
    public init(_ foreground: TerminalColor? = nil, on background: TerminalColor? = nil, _ attributes: Attributes = []) {
        self.foreground = foreground; self.background = background; self.attributes = attributes
    }
}

/// Role → look. `colour` for most terminals, `monochrome` when colour is off or unavailable.
public struct ColorScheme: Hashable, Sendable {
    public var usesColor: Bool
    public var looks: [Role: Look]

    public init(usesColor: Bool, looks: [Role: Look]) { self.usesColor = usesColor; self.looks = looks }

    public func look(for style: Style) -> Look {
        var look = looks[style.role] ?? Look()
        look.attributes.formUnion(style.attributes)
        return look
    }

    public static let colour = ColorScheme(usesColor: true, looks: [
        .normal: Look(),
        .header: Look(.cyan, [.bold]),
        .selected: Look(.black, on: .cyan),
        .muted: Look(nil, [.dim]),
        .overdue: Look(.red, [.bold]),
        .dueSoon: Look(.yellow),
        .error: Look(.red, [.bold]),
        .ok: Look(.green),
        .accent: Look(.blue, [.bold]),
    ])

    /// No colour at all: overdue bold and underlined, errors reversed, due-soon bold, muted dim.
    /// Overdue is not reversed: reverse is the selection, and a selected overdue row must still
    /// show that it is overdue.
    public static let monochrome = ColorScheme(usesColor: false, looks: [
        .normal: Look(),
        .header: Look(nil, [.bold]),
        .selected: Look(nil, [.reverse]),
        .muted: Look(nil, [.dim]),
        .overdue: Look(nil, [.bold, .underline]),
        .dueSoon: Look(nil, [.bold]),
        .error: Look(nil, [.reverse]),
        .ok: Look(),
        .accent: Look(nil, [.underline]),
    ])

    /// `monochrome` when `noColor` is set or the `NO_COLOR` environment variable is present and
    /// not empty (https://no-color.org), otherwise `colour`.
    public static func resolve(noColor: Bool, environment: [String: String]) -> ColorScheme {
        if noColor { return .monochrome }
        if let v = environment["NO_COLOR"], !v.isEmpty { return .monochrome }
        return .colour
    }
}
