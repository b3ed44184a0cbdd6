import Foundation
import Testing
import TerminalKit

/// A real-terminal check, run by hand or by an end-to-end script inside tmux:
/// `TERMINALKIT_DEMO=1 .build-tk/debug/cadeskPackageTests.xctest --testing-library swift-testing --filter terminalDemo`.
/// Skipped otherwise (it needs a terminal).
@Suite("Terminal demo")
struct TerminalDemo {
    struct Rows: TableDataSource {
        var rowCount: Int { 100_000 }
        func rows(in range: Range<Int>) -> [TableRow] {
            range.map { i in
                TableRow([TableCell("IN-MLA-2026-\(i + 1)"), TableCell(i % 2 == 0 ? "日本語 案件" : "préservation"),
                          TableCell(i % 7 == 0 ? "overdue \(i % 5) d" : "in \(i % 30) d", style: i % 7 == 0 ? .overdue : nil)])
            }
        }
    }

    struct State {
        var table = TableState()
        var search = TextInput()
        var searching = false
        var ticks = 0
        var form: Form?
    }

    @Test(.enabled(if: CursesBackend.processEnvironment()["TERMINALKIT_DEMO"] == "1"))
    func terminalDemo() throws {
        if let pidFile = ProcessInfo.processInfo.environment["TERMINALKIT_DEMO_PIDFILE"] {
            try String(ProcessInfo.processInfo.processIdentifier).write(toFile: pidFile, atomically: true, encoding: .utf8)
        }
        let keys = KeyTable<DeskCommand>(KeyTable.standardBindings { .nav($0) } + [
            KeyBinding(.search, name: "search", keys: [.char("/")], help: "Search", label: "search", context: .list),
            KeyBinding(.act, name: "act", keys: [.char("a")], help: "Act", label: "act", context: .list),
            KeyBinding(.quit, name: "quit", keys: [.char("q")], help: "Quit", label: "quit"),
        ])
        let final = try Terminal.run(State(), tickMilliseconds: 1000, render: { state, size in
            var buffer = Buffer(size)
            let (top, rest) = buffer.area.splitTop(2)
            let (body, status) = rest.splitBottom(1)
            Tabs(["Cases", "Deadlines"], selected: 0).render(into: &buffer, area: top.row(0))
            Rule().render(into: &buffer, area: top.row(1))
            Table(columns: [TableColumn("REF", width: .fixed(18)), TableColumn("TITLE", width: .fill(min: 10)),
                            TableColumn("NEXT", width: .fixed(14))], source: Rows(), state: state.table)
                .render(into: &buffer, area: body)
            var cursor: Position?
            if state.searching {
                buffer.write("/", in: status)
                cursor = state.search.render(into: &buffer, area: Rect(x: 1, y: status.y, width: status.width - 1, height: 1), focused: true)
            } else {
                StatusBar(hints: keys.hints(["search", "act", "quit"]), message: "tick \(state.ticks)")
                    .render(into: &buffer, area: status)
            }
            // The bottom-right cell: writing it must not scroll the screen.
            buffer.write("┘", x: size.width - 1, y: size.height - 1, style: .accent)
            if let form = state.form {
                cursor = form.renderDialog(title: "Refuse IN-MLA-2026-1", into: &buffer, over: buffer.area)
            }
            return Frame(buffer: buffer, cursor: cursor)
        }, update: { state, event in
            switch event {
            case .tick: state.ticks += 1
            case .resize: break
            case .key(let key):
                if var form = state.form {
                    switch form.handle(key) {
                    case .cancel, .submit: state.form = nil
                    default: state.form = form
                    }
                    return .continue
                }
                if state.searching {
                    if key == .escape || key == .enter { state.searching = false } else { state.search.handle(key) }
                    return .continue
                }
                switch keys.command(for: key, in: [.list, .global]) {
                case .quit: return .quit
                case .search: state.searching = true
                case .act:
                    state.form = refusalForm()
                case .nav(let n): state.table.apply(n, rowCount: 100_000, pageSize: 20)
                default: break
                }
            }
            return .continue
        })
        print("final selection \(final.table.selected) search \(final.search.text)")
    }
}
