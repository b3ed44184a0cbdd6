import CNCurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the terminal could not be used.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    case notATerminal
    case cannotInitialise(String)
    public var description: String {
        switch self {
        case .notATerminal: return "standard input and output must be a terminal for the interactive interface"
        case .cannotInitialise(let term): return "cannot start the terminal interface (TERM=\(term))"
        }
    }
}

/// The ncursesw backend: locale from the environment, raw input, no echo, keypad keys, a 25 ms
/// Escape delay, colours by role (or monochrome), and only changed cells written each frame.
///
/// Only one can be active at a time (curses is one global screen). Call ``restore()`` (the
/// run loop does) to give the terminal back; an `atexit` hook does it too if the process exits.
public final class CursesBackend: Backend {
    public let scheme: ColorScheme
    private let renderer: Renderer
    private let writer: CursesWriter
    private var active = true

    /// Starts curses. `noColor` (the `--no-color` flag) or `NO_COLOR` in `environment` selects
    /// the monochrome scheme, as does a terminal without colours. `mouse` reports clicks and the
    /// wheel as ``Key/mouse(_:)`` (off, the terminal's own text selection works as usual).
    public init(noColor: Bool = false, mouse: Bool = false,
                environment: [String: String] = CursesBackend.processEnvironment()) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        let wanted = ColorScheme.resolve(noColor: noColor, environment: environment)
        var hasColor: Int32 = 0
        guard cadesk_start(wanted.usesColor ? 1 : 0, &hasColor) == 0 else {
            throw TerminalError.cannotInitialise(environment["TERM"] ?? "unset")
        }
        scheme = hasColor == 1 ? wanted : .monochrome
        if scheme.usesColor {
            for (i, role) in Role.allCases.enumerated() {
                let look = scheme.looks[role] ?? Look()
                cadesk_define_pair(Int16(i + 1), look.foreground?.rawValue ?? -1, look.background?.rawValue ?? -1)
            }
        }
        if mouse { _ = cadesk_mouse(1) }
        cadesk_install_signal_handlers()
        writer = CursesWriter(scheme: scheme)
        renderer = Renderer(writer: writer)
    }

    deinit { restore() }

    /// The environment as a dictionary (without Foundation).
    public static func processEnvironment() -> [String: String] {
        var env: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
            p += 1
        }
        return env
    }

    public var size: Size { Size(width: Int(cadesk_cols()), height: Int(cadesk_lines())) }

    public func draw(_ frame: Frame) {
        guard active else { return }
        renderer.draw(frame)
    }

    public func invalidate() { renderer.invalidate() }

    public func poll(milliseconds: Int) -> Poll {
        guard active else { return .closed }
        var value: UInt32 = 0
        let status = cadesk_read(Int32(clamping: milliseconds), &value)
        if status == ERR { return .timeout }
        if status == KEY_CODE_YES && Int32(value) == KEY_MOUSE {
            var y: Int32 = 0, x: Int32 = 0
            switch cadesk_mouse_event(&y, &x) {
            case 1: return .key(.mouse(Mouse(.press, x: Int(x), y: Int(y))))
            case 2: return .key(.mouse(Mouse(.wheelUp, x: Int(x), y: Int(y))))
            case 3: return .key(.mouse(Mouse(.wheelDown, x: Int(x), y: Int(y))))
            default: return .timeout  // a release, a drag: nothing to act on
            }
        }
        guard let key = Key.decode(status: status, value: value) else { return .timeout }
        return .key(key)
    }

    public func suspend() {
        guard active else { return }
        cadesk_suspend()
        renderer.invalidate()
    }

    public func restore() {
        guard active else { return }
        active = false
        cadesk_stop()
    }
}

/// Turns cell updates into ncurses calls.
final class CursesWriter: ScreenWriter {
    let scheme: ColorScheme
    private var pairs: [Role: Int16] = [:]
    private var scratch: [wchar_t] = []

    init(scheme: ColorScheme) {
        self.scheme = scheme
        for (i, role) in Role.allCases.enumerated() { pairs[role] = Int16(i + 1) }
    }

    func clearScreen() {
        clearok(cadesk_stdscr(), true)
        werase(cadesk_stdscr())
    }

    func put(_ cell: Cell, x: Int, y: Int) {
        let look = scheme.look(for: cell.style)
        let a = look.attributes
        let attrs = cadesk_attributes(a.contains(.bold) ? 1 : 0, a.contains(.reverse) ? 1 : 0,
                                      a.contains(.underline) ? 1 : 0, a.contains(.dim) ? 1 : 0)
        let pair = scheme.usesColor ? (pairs[cell.style.role] ?? 0) : 0
        CursesWriter.terminalScalars(cell, into: &scratch)
        scratch.append(0)
        _ = cadesk_put(Int32(y), Int32(x), scratch, Int32(scratch.count - 1), attrs, pair)
    }

    /// What to send for `cell` so that ncurses (which measures with wcwidth) advances exactly
    /// the cell's width: scalars while they fit (a ZWJ sequence whose parts would spill into the
    /// next cell is cut to its first emoji), then spaces for any width left.
    static func terminalScalars(_ cell: Cell, into out: inout [wchar_t]) {
        out.removeAll(keepingCapacity: true)
        let target = cell.width
        var used = 0
        for u in cell.symbol.unicodeScalars {
            let measured = Int(cadesk_wcwidth(u.value))
            let w = measured < 0 ? scalarWidth(u) : measured  // -1: not printable in this locale
            if out.isEmpty && w == 0 { continue }
            if used + w > target { break }
            out.append(wchar_t(bitPattern: u.value))
            used += w
        }
        while let last = out.last, last == 0x200D { out.removeLast() }  // no dangling joiner
        while used < target { out.append(0x20); used += 1 }
    }

    func moveCursor(to p: Position?) {
        if let p {
            curs_set(1)
            wmove(cadesk_stdscr(), Int32(p.y), Int32(p.x))
        } else {
            curs_set(0)
        }
    }

    func flush() { wrefresh(cadesk_stdscr()) }
}
