import Casework
import TerminalKit

/// A tab of the desk. Each tab is declared once, in its own file under Tabs/, by a type that
/// says everything the desk needs of it — title, keys, loading, drawing, moving, its commands
/// and its mouse — and is listed once in ``DeskTab/all``. The reducer, the render, the key
/// table, the help and the palette ask the tab; none of them switches over tabs.
protocol DeskTabScreen {
    /// Which tab this is (a constant declared beside the type: `DeskTab.cases`).
    static var tab: DeskTab { get }
    static var title: String { get }
    /// The help for its `show-…` command ("Deadlines tab: …").
    static var showHelp: String { get }
    /// Where its keys are looked up, below `list` and `global`.
    static var context: KeyContext { get }
    /// The heading of its keys in the help screen.
    static var helpTitle: String { get }
    /// The keys of the tab's own context (and of its `views`).
    static var keys: [KeyBinding<DeskCommand>] { get }
    /// Views the tab shows in place of its own, each with its own keys: their contexts and
    /// the headings of those keys in the help screen (the Dashboard's office report).
    static var views: [(context: KeyContext, title: String)] { get }
    /// Where keys are looked up first now: the tab's context, or a view's while it is shown.
    static func focus(_ state: DeskState) -> KeyContext

    /// Reads what the tab shows from the store (on showing it, after a change).
    static func reload(_ state: inout DeskState, env: DeskEnvironment)
    /// Forgets what it loaded while another tab is shown (it reloads when shown again).
    static func unload(_ state: inout DeskState)
    /// Leaving the tab: a search being typed stops.
    static func leave(_ state: inout DeskState)

    static func render(_ state: DeskState, env: DeskEnvironment, into buffer: inout Buffer, area: Rect)
    /// The line above the key hints, from `x`; returns where the cursor goes, if a search is typed.
    static func drawInfo(_ state: DeskState, env: DeskEnvironment, into buffer: inout Buffer, area: Rect, x: inout Int) -> Position?
    /// Key hints when the tab's list has the focus.
    static func hints(_ state: DeskState, env: DeskEnvironment) -> [KeyHint]

    /// Moving in the tab's list.
    static func move(_ nav: StandardCommand, state: inout DeskState, env: DeskEnvironment)
    /// A command of the tab's own keys.
    static func perform(_ command: DeskCommand, state: inout DeskState, env: DeskEnvironment)
    /// A mouse press on line `line` of the body (0 = the first line under the column headings).
    static func press(line: Int, state: inout DeskState, env: DeskEnvironment)

    /// Whether a search line of the tab has the keyboard.
    static func isSearching(_ state: DeskState) -> Bool
    /// A key typed into the tab's search line; false when the line does not take it.
    static func typeInSearch(_ key: Key, state: inout DeskState, env: DeskEnvironment) -> Bool
}

extension DeskTabScreen {
    static func unload(_ state: inout DeskState) {}
    static func leave(_ state: inout DeskState) {}
    static func isSearching(_ state: DeskState) -> Bool { false }
    static func typeInSearch(_ key: Key, state: inout DeskState, env: DeskEnvironment) -> Bool { false }
    static var helpTitle: String { title }
    static var views: [(context: KeyContext, title: String)] { [] }
    static func focus(_ state: DeskState) -> KeyContext { context }

    /// Rows of a list per page in the body.
    static func pageSize(_ state: DeskState) -> Int { Table<ArrayTableSource>.pageSize(for: DeskLayout.body(state.size)) }
}

/// Which tab is shown: a name, so that a tab is added by declaring it (`static let` beside its
/// type) and listing its type in `all` — nothing else in the desk names it.
extension DeskState {
    func homeTab(_ env: DeskEnvironment) -> DeskTab { DeskTab.home(env.session.role, officeIsEmpty: cases.databaseEmpty) }
}

struct DeskTab: Hashable, Sendable, CustomStringConvertible {
    let id: String
    var description: String { id }

    /// The tabs in the order of the tab bar; the number keys 1, 2, 3… show them in this order.
    static var all: [any DeskTabScreen.Type] {
        [CasesTab.self, DeadlinesTab.self, DashboardTab.self, DirectoryTab.self]
    }

    static var allCases: [DeskTab] { all.map { $0.tab } }

    /// Where the desk opens and `q` from another tab returns: the Dashboard for a supervisor
    /// (issue 10), the Cases list for everyone else — and for a supervisor of an office with no
    /// case yet, where the first one is registered (or the demo loaded).
    static func home(_ role: Casework.Role, officeIsEmpty: Bool) -> DeskTab {
        role == .supervisor && !officeIsEmpty ? .dashboard : .cases
    }

    var screen: any DeskTabScreen.Type { Self.all.first { $0.tab == self } ?? CasesTab.self }
    var index: Int { Self.all.firstIndex { $0.tab == self } ?? 0 }
    var title: String { screen.title }

    /// The tab `steps` along the bar, wrapping around.
    func moved(by steps: Int) -> DeskTab {
        let n = Self.all.count
        return Self.all[((index + steps) % n + n) % n].tab
    }

    /// The tab whose keys live in `context`, if any.
    static func owning(_ context: KeyContext) -> DeskTab? {
        all.first { $0.context == context || $0.views.contains { $0.context == context } }?.tab
    }

    /// Its `show-…` binding: the next number key, in the global context.
    static var showBindings: [KeyBinding<DeskCommand>] {
        all.enumerated().map { n, screen in
            KeyBinding(.show(screen.tab), name: "show-\(screen.tab.id)", keys: n < 9 ? [.char(Character("\(n + 1)"))] : [],
                       help: screen.showHelp, label: nil, context: .global)
        }
    }
}
