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
}
