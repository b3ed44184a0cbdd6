// TerminalKit: the screen as data. See ../../../shared/STYLE.md ("Render to a buffer, then diff").
//
// A screen is a pure function of the application state that fills a `Buffer` (a grid of
// `Cell`s that knows display widths and sanitises every string it is given). The run loop hands
// each frame to a `Backend`, which writes only the cells that changed: `CursesBackend` for
// people, `MemoryBackend` for tests, which assert `buffer.trimmedLines` — the screen as text.
//
//     enum Command: Hashable, Sendable { case nav(StandardCommand), open, quit }
//     let keys = KeyTable<Command>(KeyTable.standardBindings { .nav($0) } + [
//         KeyBinding(.open, name: "open", keys: [.enter], help: "Open the case", label: "open", context: .list),
//         KeyBinding(.quit, name: "quit", keys: [.char("q")], help: "Quit", label: "quit"),
//     ])
//     try Terminal.run(state, noColor: flags.noColor, render: { state, size in
//         var buffer = Buffer(size)
//         let (body, status) = buffer.area.splitBottom(1)
//         Table(columns: columns, source: CaseSource(store, state.filter), state: state.list)
//             .render(into: &buffer, area: body)
//         StatusBar(hints: keys.hints(["open", "quit"])).render(into: &buffer, area: status)
//         return Frame(buffer: buffer)
//     }, update: { state, event in
//         guard case .key(let key) = event else { return .continue }
//         switch keys.command(for: key, in: [.list, .global]) {
//         case .quit: return .quit
//         case .nav(let n): state.list.apply(n, rowCount: state.count, pageSize: state.pageSize)
//         default: break
//         }
//         return .continue
//     })
//
// Files: Core/ (geometry, styles and roles, display width, sanitising, buffer, diff),
// Input/ (keys, decoding from ncurses, the key table and its override file),
// Backend/ (protocol, memory and ncurses backends, run loop), Widgets/.
