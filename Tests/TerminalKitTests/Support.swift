import TerminalKit

/// Records what a renderer writes, as a terminal would receive it.
final class RecordingWriter: ScreenWriter {
    var puts: [CellUpdate] = []
    var clears = 0
    var cursor: Position?
    var flushes = 0
    func clearScreen() { clears += 1 }
    func put(_ cell: Cell, x: Int, y: Int) { puts.append(CellUpdate(x: x, y: y, cell: cell)) }
    func moveCursor(to p: Position?) { cursor = p }
    func flush() { flushes += 1 }
    func reset() { puts = []; clears = 0 }
    var written: [String] { puts.map { "\($0.x),\($0.y):\($0.cell.symbol)" } }
}

/// Cases as the home screen lists them, for table tests.
struct CaseRows: TableDataSource {
    var count: Int
    var requested: [Range<Int>] { box.ranges }
    let box = RangeLog()
    final class RangeLog { var ranges: [Range<Int>] = [] }

    var rowCount: Int { count }
    func rows(in range: Range<Int>) -> [TableRow] {
        box.ranges.append(range)
        return range.map { i in
            TableRow([
                TableCell("IN-MLA-2026-\(String(repeating: "0", count: max(0, 4 - String(i + 1).count)))\(i + 1)"),
                TableCell(i % 3 == 0 ? "preserved" : "executing"),
                TableCell(i % 2 == 0 ? "FRA" : "日本"),
                TableCell(i == 1 ? "reply overdue 3 d" : "in \(10 + i) d", style: i == 1 ? .overdue : nil),
            ])
        }
    }
}

func dump(_ b: Buffer) -> String { b.trimmedLines.map { "\"\($0)\"," }.joined(separator: "\n") }

import Testing

/// Compares a screen line by line, so that a failure names the line that differs.
func expectScreen(_ buffer: Buffer, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    let got = buffer.trimmedLines
    #expect(got.count == expected.count, "line count", sourceLocation: sourceLocation)
    for (i, (g, w)) in zip(got, expected).enumerated() where g != w {
        Issue.record("line \(i): got \"\(g)\", expected \"\(w)\"", sourceLocation: sourceLocation)
    }
}
