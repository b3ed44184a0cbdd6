import CNCurses

/// What the run loop tells the application.
public enum Event: Hashable, Sendable {
    case key(Key)
    /// The tick interval passed: refresh live data (deadlines, counts). Also delivered when the
    /// application asked for one (`Flow.tickWhenIdle`) and no key is waiting.
    case tick
    /// The terminal's size, first at start and then whenever it changes; the next render lays
    /// out for it.
    case resize(Size)
}

/// What the application answers.
public enum Flow: Hashable, Sendable {
    case `continue`
    /// Go on, and deliver a `.tick` once this frame is shown and no key is waiting: work the
    /// application put off so that a keystroke's frame does not wait for it (a count), done when
    /// the user stops typing.
    case tickWhenIdle
    case quit
}

/// The run loop: owns the backend, polls input with a timeout, renders, and always gives the
/// terminal back.
///
/// ```swift
/// let final = try Terminal.run(AppState(), noColor: flags.noColor,
///     render: { state, size in DeskScreen.render(state, size: size) },
///     update: { state, event in try reduce(&state, event) })
/// ```
///
/// - Ctrl-L repaints every cell; Ctrl-Z suspends to the shell (back with `fg`). Neither is
///   passed on. Ctrl-C arrives as `.key(.ctrl("c"))` (raw mode): the application decides.
/// - The first event is always ``Event/resize(_:)`` with the starting size. A later resize
///   (ncurses turns SIGWINCH into KEY_RESIZE; nothing is drawn in a signal handler) is passed on
///   the same way, and the next render lays out again.
/// - Below ``minimumSize`` the "window too small" message is drawn instead of `render`, and
///   keys are dropped until the window is large enough again.
/// - SIGTERM, SIGINT, SIGHUP and SIGQUIT only set a flag; the loop notices it within
///   `signalCheckMilliseconds`, restores the terminal and re-raises the signal.
public enum Terminal {
    public static let minimumSize = Size(width: 60, height: 16)
    /// Longest wait between checks for a pending signal.
    public static let signalCheckMilliseconds = 200

    /// Runs with a new ``CursesBackend`` (restored on return, on a thrown error and on a signal).
    public static func run<State>(
        _ initial: State,
        noColor: Bool = false,
        tickMilliseconds: Int? = 1000,
        minimumSize: Size = Terminal.minimumSize,
        render: (State, Size) -> Frame,
        update: (inout State, Event) throws -> Flow
    ) throws -> State {
        let backend = try CursesBackend(noColor: noColor)
        defer { backend.restore() }
        return try run(initial, backend: backend, tickMilliseconds: tickMilliseconds,
                       minimumSize: minimumSize, render: render, update: update)
    }

    /// Runs on `backend` until `update` returns `.quit`, throws, or the backend closes (a
    /// ``MemoryBackend`` out of keys). The backend is restored in every case.
    public static func run<State>(
        _ initial: State,
        backend: any Backend,
        tickMilliseconds: Int? = 1000,
        minimumSize: Size = Terminal.minimumSize,
        tickAfterFirstFrame: Bool = false,
        render: (State, Size) -> Frame,
        update: (inout State, Event) throws -> Flow
    ) throws -> State {
        defer { backend.restore() }
        var state = initial
        let clock = ContinuousClock()
        var nextTick = tickMilliseconds.map { clock.now + .milliseconds($0) }

        func tooSmall(_ size: Size) -> Bool { size.width < minimumSize.width || size.height < minimumSize.height }
        func show() {
            let size = backend.size
            if tooSmall(size) {
                backend.draw(tooSmallFrame(size: size, minimum: minimumSize))
            } else {
                backend.draw(render(state, size))
            }
        }

        // A tick asked for by `.tickWhenIdle`, not delivered yet.
        var idleTick = false
        func apply(_ event: Event) throws -> Bool {
            switch try update(&state, event) {
            case .quit: return false
            case .tickWhenIdle: idleTick = true
            case .continue: break
            }
            return true
        }

        // The application learns the size before anything else (page sizes, layout).
        guard try apply(.resize(backend.size)) else { return state }
        show()
        // Work the application left until the screen is up (`tickAfterFirstFrame`) is done now,
        // and shown as soon as it is.
        if tickAfterFirstFrame || idleTick {
            idleTick = false
            guard try apply(.tick) else { return state }
            show()
        }
        while true {
            try exitIfSignalled(backend)
            // Put-off work waits only for the keys already typed.
            var wait = idleTick ? 0 : signalCheckMilliseconds
            if let due = nextTick {
                let left = clock.now.duration(to: due)
                let ms = Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
                wait = max(0, min(wait, ms))
            }
            var events: [Event] = []
            switch backend.poll(milliseconds: wait) {
            case .closed:
                return state
            case .timeout:
                if idleTick {
                    idleTick = false
                    events.append(.tick)
                }
            case .key(.ctrl("l")):
                backend.invalidate()
                show()
            case .key(.ctrl("z")):
                backend.suspend()
                show()
            case .key(.resize):
                backend.invalidate()
                events.append(.resize(backend.size))
            case .key where tooSmall(backend.size):
                // Nothing acts unseen: below the minimum a key would open a case no one sees.
                break
            case .key(let key):
                events.append(.key(key))
            }
            // Ticks come on time even while keys keep arriving (one tick, if the idle one is due too).
            if let due = nextTick, clock.now >= due, let interval = tickMilliseconds {
                nextTick = clock.now + .milliseconds(interval)
                if events.last != .tick { events.append(.tick) }
            }
            guard !events.isEmpty else { continue }
            try exitIfSignalled(backend)
            for event in events {
                guard try apply(event) else { return state }
            }
            show()
        }
    }

    private static func exitIfSignalled(_ backend: any Backend) throws {
        let sig = cadesk_pending_signal()
        guard sig != 0 else { return }
        backend.restore()
        cadesk_reraise(sig)
    }

    /// The frame shown when the terminal is smaller than `minimum`.
    public static func tooSmallFrame(size: Size, minimum: Size = Terminal.minimumSize) -> Frame {
        var buffer = Buffer(size)
        var lines: [(String, Style)] = []
        for part in TextFit.wrap("window too small (need \(minimum.width)×\(minimum.height))", width: size.width) {
            lines.append((part, .error))
        }
        for part in TextFit.wrap("now \(size.width)×\(size.height) — enlarge the window", width: size.width) {
            lines.append((part, .muted))
        }
        let top = max(0, (size.height - lines.count) / 2)
        for (i, (text, style)) in lines.enumerated() where top + i < size.height {
            buffer.write(text, in: Rect(x: 0, y: top + i, width: size.width, height: 1), style: style, alignment: .center)
        }
        return Frame(buffer: buffer)
    }
}
