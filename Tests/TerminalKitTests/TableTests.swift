import Testing
import TerminalKit

@Suite("Table")
struct TableTests {
    let columns = [
        TableColumn("REF", width: .fixed(18)),
        TableColumn("STATE", width: .fixed(10)),
        TableColumn("CTRY", width: .fixed(4)),
        TableColumn("NEXT DEADLINE", width: .fill(min: 10)),
    ]

    @Test func rendersHeaderRowsAndSelectionAt80x24() {
        var buffer = Buffer(width: 80, height: 24)
        let source = CaseRows(count: 3)
        Table(columns: columns, source: source, state: TableState(selected: 1, sort: SortOrder(column: 0)))
            .render(into: &buffer, area: Rect(x: 0, y: 2, width: 80, height: 6))
        #expect(Array(buffer.trimmedLines[0..<8]) == [
            "",
            "",
            " REF ▲               STATE       CTRY  NEXT DEADLINE",
            " IN-MLA-2026-0001    preserved   FRA   in 10 d",
            "▶IN-MLA-2026-0002    executing   日本  reply overdue 3 d",
            " IN-MLA-2026-0003    executing   FRA   in 12 d",
            "",
            "",
        ])
        #expect(buffer[0, 2].style == .header)
        // The selected row is reversed; its overdue cell stays overdue (red, or bold and
        // underlined in monochrome), reversed too, so it is neither lost nor mistaken for the cursor.
        #expect(buffer[2, 4].style == .selected)
        #expect(buffer[40, 4].style == Style.overdue.adding(.reverse))
        #expect(ColorScheme.colour.look(for: buffer[40, 4].style).foreground == .red)
        #expect(ColorScheme.monochrome.look(for: buffer[40, 4].style) != ColorScheme.monochrome.look(for: .selected))
        #expect(buffer[40, 3].style == .normal)
    }

    @Test func overdueCellKeepsItsStyleWhenNotSelected() {
        var buffer = Buffer(width: 80, height: 5)
        Table(columns: columns, source: CaseRows(count: 3), state: TableState(selected: 0))
            .render(into: &buffer, area: buffer.area)
        #expect(buffer.text(x: 39, y: 2, width: 17) == "reply overdue 3 d")
        #expect(buffer[39, 2].style == .overdue)
    }

    @Test func fillColumnTakesTheRestAt120x40() {
        var buffer = Buffer(width: 120, height: 40)
        let cols = [TableColumn("REF", width: .fixed(18)), TableColumn("TITLE", width: .fill(min: 10)),
                    TableColumn("DAYS", width: .fixed(4), alignment: .right)]
        let rows = ArrayTableSource([TableRow(["IN-MLA-2026-0001", String(repeating: "x", count: 200), "7"])])
        Table(columns: cols, source: rows, state: TableState(sort: SortOrder(column: 2, ascending: false)))
            .render(into: &buffer, area: buffer.area)
        let lines = buffer.lines
        // 1 marker column + 18 + 2 + 93 (the rest) + 2 + 4 = 120; the sort arrow squeezes "DAYS".
        #expect(lines[0] == " REF                 TITLE" + String(repeating: " ", count: 88) + "  DAY▼")
        #expect(lines[1] == "▶IN-MLA-2026-0001    " + String(repeating: "x", count: 92) + "…     7")
        #expect(lines.allSatisfy { displayWidth($0) == 120 })
        #expect(buffer.trimmedLines[2...].allSatisfy { $0.isEmpty })
    }

    @Test func onlyTheVisibleWindowIsRequestedFromALargeSource() {
        var buffer = Buffer(width: 80, height: 24)
        let source = CaseRows(count: 100_000)
        var state = TableState()
        let page = Table<CaseRows>.pageSize(for: buffer.area)
        #expect(page == 23)
        state.apply(.bottom, rowCount: source.rowCount, pageSize: page)
        Table(columns: columns, source: source, state: state).render(into: &buffer, area: buffer.area)
        #expect(source.requested == [99_977..<100_000])
        #expect(buffer.trimmedLines[23].hasPrefix("▶IN-MLA-2026-100000"))
        #expect(buffer.trimmedLines[1].hasPrefix(" IN-MLA-2026-99978 "))
    }

    @Test func pagingMovesSelectionAndWindowTogether() {
        var state = TableState()
        state.apply(.pageDown, rowCount: 100, pageSize: 10)
        #expect(state.selected == 10)
        #expect(state.visibleRange(rowCount: 100, pageSize: 10) == 10..<20)
        state.apply(.up, rowCount: 100, pageSize: 10)
        #expect(state.selected == 9)
        #expect(state.visibleRange(rowCount: 100, pageSize: 10) == 9..<19)
        state.apply(.pageUp, rowCount: 100, pageSize: 10)
        #expect(state.selected == 0)
        state.apply(.up, rowCount: 100, pageSize: 10)
        #expect(state.selected == 0)
        state.apply(.bottom, rowCount: 100, pageSize: 10)
        #expect(state.selected == 99)
        #expect(state.visibleRange(rowCount: 100, pageSize: 10) == 90..<100)
        state.apply(.top, rowCount: 100, pageSize: 10)
        #expect(state.visibleRange(rowCount: 100, pageSize: 10) == 0..<10)
    }

    @Test func shrinkingTheSourceKeepsSelectionInRange() {
        let state = TableState(selected: 50, offset: 45)
        #expect(state.visibleRange(rowCount: 10, pageSize: 5) == 5..<10)
    }

    @Test func sortToggleReversesTheSameColumn() {
        var state = TableState()
        state.toggleSort(column: 2)
        #expect(state.sort == SortOrder(column: 2, ascending: true))
        state.toggleSort(column: 2)
        #expect(state.sort == SortOrder(column: 2, ascending: false))
        state.toggleSort(column: 0)
        #expect(state.sort == SortOrder(column: 0, ascending: true))
    }

    @Test func emptySourceShowsTheMessage() {
        var buffer = Buffer(width: 40, height: 3)
        Table(columns: columns, source: ArrayTableSource([]), state: TableState(), emptyMessage: "no open cases")
            .render(into: &buffer, area: buffer.area)
        // NEXT DEADLINE would get one column: it is hidden rather than shown as "…".
        #expect(buffer.trimmedLines == [" REF                 STATE       CTRY", " no open cases", ""])
    }

    @Test func untrustedCellTextIsSanitised() {
        var buffer = Buffer(width: 40, height: 2)
        let rows = ArrayTableSource([TableRow(["evil\u{1B}]52;c;eA==\u{7}name", "x"])])
        Table(columns: [TableColumn("A", width: .fixed(20)), TableColumn("B", width: .fixed(5))],
              source: rows, state: TableState(), showHeader: false)
            .render(into: &buffer, area: buffer.area)
        #expect(buffer.trimmedLines[0] == "▶evilname              x")
    }

    @Test func narrowWidthHidesColumnsFromTheRight() {
        var buffer = Buffer(width: 30, height: 2)
        Table(columns: columns, source: CaseRows(count: 1), state: TableState())
            .render(into: &buffer, area: buffer.area)
        #expect(buffer.trimmedLines == [" REF                 STATE", "▶IN-MLA-2026-0001    preserved"])
    }
}
