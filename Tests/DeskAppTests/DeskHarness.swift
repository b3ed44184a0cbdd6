import CaseStore
import Casework
import Foundation
import TerminalKit
import Testing
@testable import DeskApp

/// Drives the desk as the run loop does — keys in, frames out — on a real CaseStore.
/// Commands are pressed by name, through the key table.
final class DeskHarness {
    let store: CaseStore
    let env: DeskEnvironment
    var state: DeskState
    var size: Size
    private(set) var flow: Flow = .continue

    /// `tab`: the tab the desk opens on — the Cases list, which most tests are about; nil opens
    /// the officer's home tab as the real desk does (a supervisor's Dashboard).
    init(store: CaseStore, width: Int = 80, height: Int = 24, officer: String = "a.moreau", role: Casework.Role = .supervisor,
         loadDemo: (@Sendable () throws -> Void)? = nil, isTraining: Bool = false, tab: DeskTab? = .cases) {
        self.store = store
        size = Size(width: width, height: height)
        env = DeskEnvironment(store: store,
                              session: DeskSession(officer: officer, role: role, today: Fixtures.today,
                                                   loadDemo: loadDemo, now: { Fixtures.now },
                                                   isTraining: { isTraining }),
                              keys: DeskKeys.defaults)
        state = DeskState.start(env: env, size: size, tab: tab)
    }

    /// Presses the first key bound to the command `name` (in `context`, or the first binding).
    func press(_ name: String, in context: KeyContext? = nil, idle: Bool = true) {
        key(env.keys.key(for: name, in: context), idle: idle)
    }

    /// One key, then (`idle`) the pause the run loop sees when no other key is waiting: the
    /// idle tick, if the desk asked for one (`Flow.tickWhenIdle`).
    func key(_ k: Key, idle: Bool = true) {
        flow = DeskReducer.handle(.key(k), state: &state, env: env)
        if flow == .tickWhenIdle { waitsForIdle = true }
        if idle { settle() }
    }

    /// Text typed without a pause between the keys; the pause comes after the last one.
    func type(_ text: String, idle: Bool = true) {
        for c in text { key(.char(c), idle: false) }
        if idle { settle() }
    }

    /// The desk asked for an idle tick that has not come yet.
    private(set) var waitsForIdle = false

    func settle() {
        guard waitsForIdle else { return }
        waitsForIdle = false
        tick()
    }

    /// Opens the case called `ref` from the list, as an officer would: down to it, then Enter.
    func openCase(_ ref: String) throws {
        for _ in 0..<state.cases.rowCount where state.cases.selected?.ref != ref { press("down") }
        try #require(state.cases.selected?.ref == ref)
        press("open", in: .cases)
    }

    func tick() { flow = DeskReducer.handle(.tick, state: &state, env: env) }

    func resize(width: Int, height: Int) {
        size = Size(width: width, height: height)
        flow = DeskReducer.handle(.resize(size), state: &state, env: env)
    }

    var frame: Frame { DeskRender.frame(state, env: env, size: size) }
    /// The screen as text, trailing spaces removed.
    var lines: [String] { frame.buffer.trimmedLines }
    var screen: String { lines.joined(separator: "\n") }

    /// The row showing `text`, and its styles (for colours by role).
    func row(containing text: String) -> Int? { lines.firstIndex { $0.contains(text) } }
}
