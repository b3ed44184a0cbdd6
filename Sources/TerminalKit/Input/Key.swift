/// A key press, decoded from the terminal (see `CursesBackend`) or made up by a test.
///
/// Printable input, including any UTF-8 character, is `.char`; Ctrl-letters other than those
/// that have their own name (Tab is Ctrl-I, Enter Ctrl-M/Ctrl-J, Backspace Ctrl-H) are
/// `.ctrl("a")`…`.ctrl("z")`, always lowercase.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    case ctrl(Character)
    /// Meta/Alt. The ncurses backend does not produce it: Alt-x reaches it as Esc then x, and
    /// telling that from Esc quickly followed by x (a script, a fast typist) is guesswork that
    /// could turn "close the dialog, then quit" into nothing at all.
    case alt(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, tab, backTab, escape, backspace, delete, insert
    case function(Int)
    /// The terminal changed size (ncurses' KEY_RESIZE).
    case resize
    /// A click or a turn of the wheel, at a cell of the screen (when the mouse is on).
    case mouse(Mouse)

    /// The space bar.
    public static let space = Key.char(" ")

    /// The name used in key-table override files and help: `j`, `G`, `Up`, `PgDn`, `Enter`,
    /// `Shift-Tab`, `Esc`, `F1`, `Ctrl-L`, `Alt-x`, `Space`. ``init(name:)`` reads it back.
    public var name: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(c.uppercased())"
        case .alt(let c): return "Alt-\(c)"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        case .function(let n): return "F\(n)"
        case .resize: return "Resize"
        case .mouse: return "Mouse"
        }
    }

    /// A short label for the status bar and help: `⏎`, `↑`, `esc`, `^L`, `⇥`.
    public var label: String {
        switch self {
        case .char(" "): return "space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "^\(c.uppercased())"
        case .alt(let c): return "M-\(c)"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "home"
        case .end: return "end"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .enter: return "⏎"
        case .tab: return "⇥"
        case .backTab: return "⇤"
        case .escape: return "esc"
        case .backspace: return "⌫"
        case .delete: return "del"
        case .insert: return "ins"
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        case .mouse: return "mouse"
        }
    }

    public var description: String { name }

    private static let named: [String: Key] = {
        var m: [String: Key] = [
            "space": .space, "up": .up, "down": .down, "left": .left, "right": .right,
            "home": .home, "end": .end, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown,
            "pagedown": .pageDown, "pgdown": .pageDown, "enter": .enter, "return": .enter,
            "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "s-tab": .backTab,
            "esc": .escape, "escape": .escape, "backspace": .backspace, "bs": .backspace,
            "delete": .delete, "del": .delete, "insert": .insert, "ins": .insert,
            "comma": .char(","), "equals": .char("="), "hash": .char("#"),
        ]
        for n in 1...12 { m["f\(n)"] = .function(n) }
        return m
    }()

    /// Reads a key name as written in an override file (case-insensitive for named keys; a
    /// single character is taken literally, so `g` and `G` differ). Accepts `Ctrl-x`, `C-x`,
    /// `^X`, `Alt-x`, `M-x`. Returns nil for anything else.
    public init?(name raw: String) {
        let s = raw.trimmingSpaces
        guard !s.isEmpty else { return nil }
        if s.count == 1, let c = s.first {
            if c.isASCII, let v = c.asciiValue, v < 0x20 || v == 0x7F { return nil }
            self = .char(c); return
        }
        let lower = s.lowercased()
        if let k = Key.named[lower] { self = k; return }
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let c = rest.first, c.isLetter, c.isASCII else { return nil }
            switch c {
            case "i": self = .tab
            case "m", "j": self = .enter
            case "h": self = .backspace
            default: self = .ctrl(c)
            }
            return
        }
        for prefix in ["alt-", "alt+", "m-"] where lower.hasPrefix(prefix) {
            let rest = s.dropFirst(prefix.count)
            guard rest.count == 1, let c = rest.first else { return nil }
            self = .alt(c); return
        }
        return nil
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}

/// What the mouse did, and where (0-based cell of the whole screen).
public struct Mouse: Hashable, Sendable {
    public enum Action: Hashable, Sendable { case press, wheelUp, wheelDown }
    public var action: Action
    public var x: Int
    public var y: Int
    public init(_ action: Action, x: Int, y: Int) { self.action = action; self.x = x; self.y = y }
}
