/// What a render produces: the cells, and where the terminal cursor should be (a text field
/// being edited shows it; nil hides it).
public struct Frame: Hashable, Sendable {
    public var buffer: Buffer
    public var cursor: Position?
    public init(buffer: Buffer, cursor: Position? = nil) { self.buffer = buffer; self.cursor = cursor }
    public init(size: Size) { self.init(buffer: Buffer(size)) }
    public var size: Size { buffer.size }
}

/// The result of waiting for input.
public enum Poll: Hashable, Sendable {
    case key(Key)
    /// Nothing arrived within the timeout.
    case timeout
    /// No more input will come (a test backend ran out of keys); the run loop ends.
    case closed
}

/// Where frames go and keys come from: ncurses for people (`CursesBackend`), memory for tests
/// (``MemoryBackend``).
public protocol Backend: AnyObject {
    /// The screen size now.
    var size: Size { get }
    /// Shows `frame`, writing only what changed since the last `draw`.
    func draw(_ frame: Frame)
    /// Makes the next `draw` repaint every cell (Ctrl-L, after a resize).
    func invalidate()
    /// Waits up to `milliseconds` (negative: forever) for a key.
    func poll(milliseconds: Int) -> Poll
    /// Gives the terminal back in the state it was found. Safe to call more than once.
    func restore()
    /// Ctrl-Z: hands the terminal to the shell until the user types `fg`.
    func suspend()
}

extension Backend {
    public func suspend() {}
}

/// Receives the cells a ``Renderer`` decided to write. `CursesBackend` turns them into ncurses
/// calls; a test records them to check that only changed cells are written.
public protocol ScreenWriter: AnyObject {
    func clearScreen()
    func put(_ cell: Cell, x: Int, y: Int)
    func moveCursor(to: Position?)
    func flush()
}

/// Keeps the last frame and writes the difference to a ``ScreenWriter``.
public final class Renderer {
    public let writer: any ScreenWriter
    public private(set) var previous: Buffer?
    private var lastCursor: Position??

    public init(writer: any ScreenWriter) { self.writer = writer }

    /// Forget the last frame: the next draw clears and repaints everything.
    public func invalidate() { previous = nil; lastCursor = nil }

    /// Writes what differs from the previous frame; returns how many cells were written.
    @discardableResult
    public func draw(_ frame: Frame) -> Int {
        let updates: [CellUpdate]
        if let previous, previous.size == frame.buffer.size {
            updates = frame.buffer.diff(from: previous)
        } else {
            writer.clearScreen()
            updates = frame.buffer.diff(from: Buffer(width: 0, height: 0))
        }
        for u in updates { writer.put(u.cell, x: u.x, y: u.y) }
        if !updates.isEmpty || lastCursor != .some(frame.cursor) {
            writer.moveCursor(to: frame.cursor)
            lastCursor = .some(frame.cursor)
        }
        writer.flush()
        previous = frame.buffer
        return updates.count
    }
}

/// A backend in memory, for tests: holds the last frame drawn and hands out keys queued with
/// ``feed(_:)``. When the queue is empty `poll` returns `.closed` (or `.timeout` once per
/// `ticksWhenIdle`), so a run loop under test ends by itself.
public final class MemoryBackend: Backend {
    public var size: Size
    public private(set) var frame: Frame
    /// The first frame drawn: what the user saw first.
    public private(set) var firstFrame: Frame?
    public private(set) var drawCount = 0
    public private(set) var restored = false
    /// How many full repaints were asked for (Ctrl-L, resize).
    public private(set) var invalidations = 0
    private var queue: [Poll] = []

    public init(width: Int = 80, height: Int = 24) {
        size = Size(width: width, height: height)
        frame = Frame(size: size)
    }

    /// The last frame's cells.
    public var buffer: Buffer { frame.buffer }
    /// The last frame as text, trailing spaces removed.
    public var lines: [String] { frame.buffer.trimmedLines }

    public func draw(_ frame: Frame) {
        if firstFrame == nil { firstFrame = frame }
        self.frame = frame
        drawCount += 1
    }
    public func invalidate() { invalidations += 1 }
    public func restore() { restored = true }

    /// Queues keys for the run loop.
    public func feed(_ keys: Key...) { queue.append(contentsOf: keys.map(Poll.key)) }
    public func feed(_ keys: [Key]) { queue.append(contentsOf: keys.map(Poll.key)) }
    /// Queues the keys of commands by name, as the key table binds them:
    /// `backend.press("down", "down", "open", using: keys)`.
    public func press<Command>(_ names: String..., using table: KeyTable<Command>, in context: KeyContext? = nil) {
        for name in names { queue.append(.key(table.key(for: name, in: context))) }
    }
    /// Queues a timeout (the run loop's tick).
    public func feedTimeout() { queue.append(.timeout) }
    /// Queues text typed character by character.
    public func type(_ text: String) { queue.append(contentsOf: text.map { Poll.key(.char($0)) }) }
    /// Changes the size and queues `.resize`, as a terminal would.
    public func resize(width: Int, height: Int) {
        queue.append(.key(.resize))
        pendingSizes.append(Size(width: width, height: height))
    }
    private var pendingSizes: [Size] = []

    public func poll(milliseconds: Int) -> Poll {
        guard !queue.isEmpty else { return .closed }
        let next = queue.removeFirst()
        if next == .key(.resize), !pendingSizes.isEmpty { size = pendingSizes.removeFirst() }
        return next
    }
}
