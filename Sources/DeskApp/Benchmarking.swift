import CaseStore
import TerminalKit

/// The desk without a terminal: the entry point for benchmarks and automation.
///
/// It drives the same path as `runDesk` — key → `DeskReducer` → state → `DeskRender` — on any
/// store, drawing into an in-memory TerminalKit buffer instead of the screen. It adds nothing
/// of its own: no polling timer (`tick()` runs one poll when asked), no resize, no backend.
///
/// ```swift
/// var desk = try DeskProbe(store: store, session: session, width: 120, height: 40)
/// desk.press(.down)
/// desk.press(.enter)                 // opens the selected case
/// desk.settle()                      // what waits for a pause in the typing (a search's count)
/// print(desk.render().joined(separator: "\n"))
/// ```
public struct DeskProbe {
    private let env: DeskEnvironment
    private let size: Size
    private var state: DeskState

    /// Loads the first screen (the Cases tab) as the desk does on start. The key file named by
    /// `session.keyFile` is read first; a mistake in it throws a `KeyTableError`.
    public init(store: any CaseRepository, session: DeskSession, width: Int, height: Int) throws {
        env = DeskEnvironment(store: store, session: session, keys: try DeskKeys.table(keyFile: session.keyFile))
        size = Size(width: width, height: height)
        state = DeskState.start(env: env, size: size, tab: .cases)
    }

    /// The desk put work off until the typing stops (`Flow.tickWhenIdle`): `settle()` does it.
    public private(set) var waitsForIdle = false

    /// One key through the reducer (store reads and writes included), as the run loop hands it
    /// over: what the desk puts off until the typing stops is not done (`settle()`). False once
    /// the desk asked to quit.
    @discardableResult
    public mutating func press(_ key: Key) -> Bool {
        let flow = DeskReducer.handle(.key(key), state: &state, env: env)
        if flow == .tickWhenIdle { waitsForIdle = true }
        return flow != .quit
    }

    /// The pause after typing: the idle tick the run loop delivers when the desk asked for one.
    public mutating func settle() {
        guard waitsForIdle else { return }
        waitsForIdle = false
        tick()
    }

    /// One poll of the idle loop: the desk asks the store whether anything changed and reloads
    /// what is shown if it did.
    public mutating func tick() {
        _ = DeskReducer.handle(.tick, state: &state, env: env)
    }

    /// The current screen, drawn into a fresh buffer.
    public func frame() -> Frame { DeskRender.frame(state, env: env, size: size) }

    /// The current screen as text, one string per row, trailing spaces removed.
    public func render() -> [String] { frame().buffer.trimmedLines }
}
