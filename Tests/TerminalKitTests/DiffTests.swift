import Testing
import TerminalKit

@Suite("Diff and renderer")
struct DiffTests {
    @Test func firstFrameClearsAndWritesEveryCell() {
        let writer = RecordingWriter()
        let renderer = Renderer(writer: writer)
        renderer.draw(Frame(buffer: Buffer(lines: ["ab", "cd"])))
        #expect(writer.clears == 1)
        #expect(writer.written == ["0,0:a", "1,0:b", "0,1:c", "1,1:d"])
    }

    @Test func secondFrameWritesOnlyChangedCells() {
        let writer = RecordingWriter()
        let renderer = Renderer(writer: writer)
        var buffer = Buffer(width: 20, height: 3)
        buffer.write("142 open", x: 0, y: 0)
        buffer.write("6 overdue", x: 0, y: 1)
        renderer.draw(Frame(buffer: buffer))
        writer.reset()
        buffer.write("143", x: 0, y: 0)
        renderer.draw(Frame(buffer: buffer))
        #expect(writer.clears == 0)
        #expect(writer.written == ["2,0:3"])
    }

    @Test func identicalFrameWritesNothing() {
        let writer = RecordingWriter()
        let renderer = Renderer(writer: writer)
        let frame = Frame(buffer: Buffer(lines: ["same"]))
        renderer.draw(frame)
        writer.reset()
        #expect(renderer.draw(frame) == 0)
        #expect(writer.puts.isEmpty)
    }

    @Test func styleChangeAloneIsWritten() {
        var a = Buffer(width: 3, height: 1)
        a.write("abc", x: 0, y: 0)
        var b = a
        b.setStyle(.selected, in: Rect(x: 1, y: 0, width: 1, height: 1))
        #expect(b.diff(from: a) == [CellUpdate(x: 1, y: 0, cell: Cell("b", style: .selected))])
    }

    @Test func wideGlyphIsWrittenOnceAndItsContinuationSkipped() {
        let a = Buffer(lines: ["abcd"])
        let b = Buffer(lines: ["a日d"])
        let updates = b.diff(from: a).map { "\($0.x):\($0.cell.symbol)" }
        #expect(updates == ["1:日"])
    }

    @Test func replacingAWideGlyphRedrawsTheCellsItCovered() {
        // The terminal still shows 日 over columns 1–2: both must be redrawn.
        let a = Buffer(lines: ["a日d"])
        var b = Buffer(width: 4, height: 1)
        b.write("a", x: 0, y: 0); b.write("x", x: 1, y: 0); b.write("d", x: 3, y: 0)
        let updates = b.diff(from: a).map { "\($0.x):\($0.cell.symbol)" }
        #expect(updates == ["1:x", "2: "])
    }

    @Test func invalidateRepaintsEverything() {
        let writer = RecordingWriter()
        let renderer = Renderer(writer: writer)
        let frame = Frame(buffer: Buffer(lines: ["xy"]))
        renderer.draw(frame)
        writer.reset()
        renderer.invalidate()  // Ctrl-L
        renderer.draw(frame)
        #expect(writer.clears == 1)
        #expect(writer.written == ["0,0:x", "1,0:y"])
    }

    @Test func resizeRepaintsEverything() {
        let writer = RecordingWriter()
        let renderer = Renderer(writer: writer)
        renderer.draw(Frame(buffer: Buffer(lines: ["xy"])))
        writer.reset()
        renderer.draw(Frame(buffer: Buffer(lines: ["xyz"])))
        #expect(writer.clears == 1)
        #expect(writer.puts.count == 3)
    }

    @Test func cursorFollowsTheFrame() {
        let writer = RecordingWriter()
        let renderer = Renderer(writer: writer)
        renderer.draw(Frame(buffer: Buffer(lines: ["ab"]), cursor: Position(x: 1, y: 0)))
        #expect(writer.cursor == Position(x: 1, y: 0))
        renderer.draw(Frame(buffer: Buffer(lines: ["ab"]), cursor: nil))
        #expect(writer.cursor == nil)
    }

    /// Whatever two frames hold — wide glyphs, reverse and underline on glyphs and on blanks —
    /// drawing the first and then only the diff shows what drawing the second alone shows, on a
    /// terminal that paints a wide glyph over two columns and blanks the other half of a glyph
    /// it partly overwrites (keeping that half's attributes, as xterm does).
    @Test func drawingTheDiffShowsTheNewFrameWhateverChanged() {
        var rng = SplitMix(seed: 8)
        let symbols = [" ", "a", "日", "本"]
        let styles = [Style.normal, .selected, Style(.normal, .underline), Style(.normal, .reverse)]
        func frame() -> Buffer {
            var b = Buffer(width: 5, height: 1)
            for _ in 0..<4 { b.set(x: rng.next(5), y: 0, Cell(symbols[rng.next(symbols.count)], style: styles[rng.next(styles.count)])) }
            if rng.next(2) == 0 {
                let x = rng.next(5)
                b.setStyle(styles[rng.next(styles.count)], in: Rect(x: x, y: 0, width: 1 + rng.next(5 - x), height: 1))
            }
            return b
        }
        for _ in 0..<3000 {
            let a = frame(), b = frame()
            var screen = TerminalModel(width: 5)
            for u in a.diff(from: Buffer(width: 0, height: 0)) { screen.put(u.cell, at: u.x) }
            for u in b.diff(from: a) { screen.put(u.cell, at: u.x) }
            var fresh = TerminalModel(width: 5)
            for u in b.diff(from: Buffer(width: 0, height: 0)) { fresh.put(u.cell, at: u.x) }
            #expect(screen.seen == fresh.seen, "\(a.cells) → \(b.cells)")
        }
    }
}

/// One row of a terminal as the user sees it: which glyph covers each column and with which
/// style. A wide glyph covers two columns in the style it was written with; writing over half
/// of one blanks its other half, which keeps its attributes (visible when reverse or underline).
struct TerminalModel {
    private var glyphs: [(symbol: String, style: Style, tail: Bool)]
    init(width: Int) { glyphs = Array(repeating: (" ", Style.normal, false), count: width) }

    mutating func put(_ cell: Cell, at x: Int) {
        let wide = cell.width == 2
        blankOtherHalf(at: x)
        if wide, x + 1 < glyphs.count { blankOtherHalf(at: x + 1) }
        glyphs[x] = (cell.symbol, cell.style, false)
        if wide, x + 1 < glyphs.count { glyphs[x + 1] = ("", cell.style, true) }
    }

    private mutating func blankOtherHalf(at x: Int) {
        if glyphs[x].tail, x > 0 { glyphs[x - 1] = (" ", glyphs[x - 1].style, false); glyphs[x] = (" ", glyphs[x].style, false) }
        if x + 1 < glyphs.count, glyphs[x + 1].tail { glyphs[x + 1] = (" ", glyphs[x + 1].style, false) }
    }

    /// Per column: the glyph covering it and the style it is painted in.
    var seen: [String] {
        glyphs.indices.map { x in
            let g = glyphs[x].tail ? glyphs[x - 1] : glyphs[x]
            return "\(g.symbol)/\(glyphs[x].style)"
        }
    }
}

/// A small seeded generator, so a failure names a case that comes back.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
