import Testing
import TerminalKit

/// A small app: a list of cases and a quit key, driven through the run loop.
struct ListApp {
    var table = TableState()
    var ticks = 0
    var lastSize = Size(width: 0, height: 0)
    let rows = (1...40).map { TableRow(["IN-MLA-2026-00\($0 < 10 ? "0" : "")\($0)"]) }

    static let keys = KeyTable<DeskCommand>(KeyTable.standardBindings { .nav($0) } + [
        KeyBinding(.quit, name: "quit", keys: [.char("q")], help: "Quit", label: "quit"),
    ])

    func render(size: Size) -> Frame {
        var buffer = Buffer(size)
        let (body, status) = buffer.area.splitBottom(1)
        Table(columns: [TableColumn("REF", width: .fill(min: 10))], source: ArrayTableSource(rows), state: table)
            .render(into: &buffer, area: body)
        StatusBar(hints: ListApp.keys.hints(["quit"]), message: "ticks \(ticks)").render(into: &buffer, area: status)
        return Frame(buffer: buffer)
    }

    mutating func update(_ event: Event, pageSize: Int) -> Flow {
        switch event {
        case .tick: ticks += 1
        case .resize(let s): lastSize = s
        case .key(let key):
            switch ListApp.keys.command(for: key, in: [.list, .global]) {
            case .quit: return .quit
            case .nav(let n): table.apply(n, rowCount: rows.count, pageSize: pageSize)
            default: break
            }
        }
        return .continue
    }
}

@Suite("Run loop")
struct RunLoopTests {
    func run(_ backend: MemoryBackend, _ app: ListApp = ListApp()) throws -> ListApp {
        try Terminal.run(app, backend: backend, tickMilliseconds: nil,
                         render: { $0.render(size: $1) },
                         update: { state, event in state.update(event, pageSize: backend.size.height - 2) })
    }

    @Test func keysPressedByNameMoveTheSelection() throws {
        let backend = MemoryBackend(width: 60, height: 16)
        let keys = ListApp.keys
        backend.press("down", "down", "bottom", "up", using: keys)
        let app = try run(backend)
        #expect(app.table.selected == 38)
        // 15 rows above the status line: header and rows 27–40, the selection one above the last.
        #expect(backend.lines[1] == " IN-MLA-2026-0027")
        #expect(backend.lines[13] == "▶IN-MLA-2026-0039")
        #expect(backend.lines[14] == " IN-MLA-2026-0040")
        #expect(backend.lines[15].hasPrefix(" q quit"))
        #expect(backend.restored)
    }

    @Test func quitEndsTheLoopAndRestores() throws {
        let backend = MemoryBackend()
        backend.feed(.char("j"), .char("q"), .char("j"))
        let app = try run(backend)
        #expect(app.table.selected == 1)  // the j after q was never read
        #expect(backend.restored)
    }

    @Test func thrownErrorStillRestoresTheTerminal() {
        struct Boom: Error {}
        let backend = MemoryBackend()
        backend.feed(.char("x"))
        #expect(throws: Boom.self) {
            _ = try Terminal.run(0, backend: backend, render: { _, size in Frame(size: size) },
                                 update: { _, _ in throw Boom() })
        }
        #expect(backend.restored)
    }

    @Test func resizeBelowTheMinimumShowsTheMessageAndBackRestoresTheScreen() throws {
        let backend = MemoryBackend(width: 80, height: 24)
        backend.resize(width: 50, height: 12)
        backend.feed(.char("j"), .char("j"))  // while small: unseen, so they must not move anything
        backend.resize(width: 80, height: 24)
        var whileSmall: [String] = []
        var sizes: [Size] = []
        var keys: [Event] = []
        _ = try Terminal.run(ListApp(), backend: backend, tickMilliseconds: nil,
                             render: { state, size in state.render(size: size) },
                             update: { state, event in
                                 if case .resize(let s) = event {
                                     sizes.append(s)
                                     if sizes.count == 3 { whileSmall = backend.lines }  // the small frame, before redrawing
                                 } else if case .key = event { keys.append(event) }
                                 return state.update(event, pageSize: 10)
                             })
        #expect(keys.isEmpty)
        #expect(sizes == [Size(width: 80, height: 24), Size(width: 50, height: 12), Size(width: 80, height: 24)])
        #expect(whileSmall.count == 12)
        #expect(whileSmall[5] == "          window too small (need 60×16)")
        #expect(whileSmall[6] == "          now 50×12 — enlarge the window")
        #expect(backend.lines[1] == "▶IN-MLA-2026-0001")
        #expect(backend.lines.count == 24)
    }

    @Test func smallTerminalNeverCallsRender() throws {
        let backend = MemoryBackend(width: 59, height: 24)
        backend.feed(.char("j"))
        var rendered = 0
        _ = try Terminal.run(0, backend: backend, render: { _, size in rendered += 1; return Frame(size: size) },
                             update: { _, _ in .continue })
        #expect(rendered == 0)
        #expect(backend.lines[11].contains("window too small (need 60×16)"))
    }

    @Test func ctrlLIsNotPassedToTheApplication() throws {
        let backend = MemoryBackend()
        backend.feed(.ctrl("l"), .char("j"))
        var events: [Event] = []
        _ = try Terminal.run(0, backend: backend, render: { _, size in Frame(size: size) },
                             update: { _, e in events.append(e); return .continue })
        #expect(events == [.resize(Size(width: 80, height: 24)), .key(.char("j"))])
        #expect(backend.drawCount == 3)  // first frame, the repaint, after j
        #expect(backend.invalidations == 1)
    }

    @Test func timeoutBecomesATickWhenTheIntervalHasPassed() throws {
        let backend = MemoryBackend()
        backend.feedTimeout()
        backend.feed(.char("q"))
        let app = try Terminal.run(ListApp(), backend: backend, tickMilliseconds: 0,
                                   render: { $0.render(size: $1) },
                                   update: { state, event in state.update(event, pageSize: 10) })
        #expect(app.ticks == 1)
    }
}

@Suite("Run loop ticks")
struct RunLoopTickTests {
    @Test func ticksArriveEvenWhileKeysKeepComing() throws {
        let backend = MemoryBackend()
        backend.feed(.char("j"), .char("j"))
        var events: [Event] = []
        _ = try Terminal.run(0, backend: backend, tickMilliseconds: 0, render: { _, size in Frame(size: size) },
                             update: { _, e in events.append(e); return .continue })
        #expect(events == [.resize(Size(width: 80, height: 24)), .key(.char("j")), .tick, .key(.char("j")), .tick])
    }

    @Test func tickWhenIdleWaitsForTheKeysAlreadyTyped() throws {
        let backend = MemoryBackend()
        // j asks for a tick; k is already waiting, so it comes first; then the pause brings the
        // tick, once, and the screen is drawn again with it.
        backend.feed(.char("j"), .char("k"))
        backend.feedTimeout()
        backend.feedTimeout()
        var events: [Event] = []
        var frames: [Int] = []
        var ticks = 0
        _ = try Terminal.run(0, backend: backend, tickMilliseconds: nil,
                             render: { _, size in frames.append(ticks); return Frame(size: size) },
                             update: { _, e in
                                 events.append(e)
                                 if e == .tick { ticks += 1 }
                                 return e == .key(.char("j")) ? .tickWhenIdle : .continue
                             })
        #expect(events == [.resize(Size(width: 80, height: 24)), .key(.char("j")), .key(.char("k")), .tick])
        #expect(frames == [0, 0, 0, 1])
    }

    @Test func noTicksWithoutAnInterval() throws {
        let backend = MemoryBackend()
        backend.feedTimeout(); backend.feedTimeout()
        var ticks = 0
        _ = try Terminal.run(0, backend: backend, tickMilliseconds: nil, render: { _, size in Frame(size: size) },
                             update: { _, e in if e == .tick { ticks += 1 }; return .continue })
        #expect(ticks == 0)
    }
}
