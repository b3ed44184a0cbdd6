/// How wide a table column is.
public enum ColumnWidth: Hashable, Sendable {
    /// Exactly this many columns.
    case fixed(Int)
    /// Shares what the fixed columns leave, at least `min` (columns that do not fit are hidden
    /// from the right).
    case fill(min: Int)
}

/// A table column: title, width and alignment.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: ColumnWidth
    public var alignment: Alignment
    public init(_ title: String, width: ColumnWidth, alignment: Alignment = .left) {
        self.title = title; self.width = width; self.alignment = alignment
    }
}

/// One cell of a table row: text and an optional style of its own (an overdue deadline in red).
public struct TableCell: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var style: Style?
    public init(_ text: String, style: Style? = nil) { self.text = text; self.style = style }
    public init(stringLiteral value: String) { self.init(value) }
}

/// One table row.
public struct TableRow: Hashable, Sendable {
    public var cells: [TableCell]
    /// Style for cells without their own.
    public var style: Style
    public init(_ cells: [TableCell], style: Style = .normal) { self.cells = cells; self.style = style }
    public init(_ texts: [String], style: Style = .normal) { self.init(texts.map { TableCell($0) }, style: style) }
}

/// Rows on demand. A table asks only for the rows it shows, so a source over a 100,000-case
/// database fetches one window (`LIMIT/OFFSET` or keyset) per frame rather than every row.
public protocol TableDataSource {
    var rowCount: Int { get }
    /// The rows at positions `range` (always within `0..<rowCount`), in order.
    func rows(in range: Range<Int>) -> [TableRow]
}

/// A source over rows already in memory.
public struct ArrayTableSource: TableDataSource, Sendable {
    public var rows: [TableRow]
    public init(_ rows: [TableRow]) { self.rows = rows }
    public var rowCount: Int { rows.count }
    public func rows(in range: Range<Int>) -> [TableRow] { Array(rows[range]) }
}

/// Which column the rows are sorted by. The table only draws the indicator (▲/▼); sorting is
/// the data source's business (an `ORDER BY`).
public struct SortOrder: Hashable, Sendable {
    public var column: Int
    public var ascending: Bool
    public init(column: Int, ascending: Bool = true) { self.column = column; self.ascending = ascending }
}

/// Selection, scroll position and sort of a table; lives in the application state.
public struct TableState: Hashable, Sendable {
    /// Index of the selected row (0 when empty).
    public var selected: Int
    /// Index of the first row shown.
    public var offset: Int
    public var sort: SortOrder?

    public init(selected: Int = 0, offset: Int = 0, sort: SortOrder? = nil) {
        self.selected = selected; self.offset = offset; self.sort = sort
    }

    /// Rows a table shows in `area` (what paging moves by).
    public static func pageSize(for area: Rect, showHeader: Bool = true) -> Int {
        max(0, area.height - (showHeader ? 1 : 0))
    }

    /// Moves the selection for a navigation command; returns false for commands a table does
    /// not handle. `pageSize` is ``pageSize(for:showHeader:)`` of the table's area.
    @discardableResult
    public mutating func apply(_ command: StandardCommand, rowCount: Int, pageSize: Int) -> Bool {
        let page = max(1, pageSize)
        switch command {
        case .up: select(selected - 1, rowCount: rowCount, pageSize: page)
        case .down: select(selected + 1, rowCount: rowCount, pageSize: page)
        case .pageUp:
            offset = max(0, offset - page)
            select(selected - page, rowCount: rowCount, pageSize: page)
        case .pageDown:
            offset = min(max(0, rowCount - page), offset + page)
            select(selected + page, rowCount: rowCount, pageSize: page)
        case .top: select(0, rowCount: rowCount, pageSize: page)
        case .bottom: select(rowCount - 1, rowCount: rowCount, pageSize: page)
        default: return false
        }
        return true
    }

    /// Selects row `index` (clamped) and scrolls so it is visible.
    public mutating func select(_ index: Int, rowCount: Int, pageSize: Int) {
        selected = rowCount == 0 ? 0 : min(max(0, index), rowCount - 1)
        offset = visibleRange(rowCount: rowCount, pageSize: pageSize).lowerBound
    }

    /// Sorts by `column`; choosing the sorted column again reverses the order.
    public mutating func toggleSort(column: Int) {
        if let s = sort, s.column == column { sort = SortOrder(column: column, ascending: !s.ascending) }
        else { sort = SortOrder(column: column, ascending: true) }
    }

    /// The rows shown for this state: starts at `offset`, moved just enough to show the
    /// selection, and never leaves blank rows at the end when there are rows to show.
    public func visibleRange(rowCount: Int, pageSize: Int) -> Range<Int> {
        guard rowCount > 0, pageSize > 0 else { return 0..<0 }
        let sel = min(max(0, selected), rowCount - 1)
        var start = min(max(0, offset), max(0, rowCount - pageSize))
        if sel < start { start = sel }
        if sel >= start + pageSize { start = sel - pageSize + 1 }
        return start..<min(rowCount, start + pageSize)
    }
}

/// A scrolling table (or, with one column and no header, a list): header with sort indicator,
/// a selection marker (▶) and highlight, paging, and rows fetched lazily from a
/// ``TableDataSource`` — only the visible window is requested.
///
/// ```swift
/// Table(columns: [TableColumn("REF", width: .fixed(19)), TableColumn("STATE", width: .fill(min: 8))],
///       source: ArrayTableSource(rows), state: state.cases)
///     .render(into: &buffer, area: body)
/// ```
public struct Table<Source: TableDataSource> {
    public var columns: [TableColumn]
    public var source: Source
    public var state: TableState
    public var showHeader = true
    /// Highlights the selected row (off for a table that is not focused and should not look so).
    public var showSelection = true
    public var marker = "▶"
    public var columnSpacing = 2
    /// Shown (muted) when there are no rows.
    public var emptyMessage = "nothing to show"

    public init(columns: [TableColumn], source: Source, state: TableState,
                showHeader: Bool = true, emptyMessage: String = "nothing to show") {
        self.columns = columns; self.source = source; self.state = state
        self.showHeader = showHeader; self.emptyMessage = emptyMessage
    }

    /// Rows that fit in `area` (for paging); same as ``TableState/pageSize(for:showHeader:)``.
    public static func pageSize(for area: Rect, showHeader: Bool = true) -> Int {
        TableState.pageSize(for: area, showHeader: showHeader)
    }

    /// Widths given to each column in `width` total columns (after the 1-column marker);
    /// 0 for a column that does not fit.
    public func columnWidths(totalWidth: Int) -> [Int] {
        let available = max(0, totalWidth - 1)
        let spacing = max(0, columns.count - 1) * columnSpacing
        var widths = columns.map { if case .fixed(let w) = $0.width { return max(0, w) } else { return 0 } }
        let fixedTotal = widths.reduce(0, +)
        let fillIndices = columns.indices.filter { if case .fill = columns[$0].width { return true } else { return false } }
        var spare = available - spacing - fixedTotal
        if !fillIndices.isEmpty {
            let mins = fillIndices.map { i -> Int in if case .fill(let m) = columns[i].width { return m } else { return 0 } }
            let share = max(0, spare) / fillIndices.count
            var extra = max(0, spare) - share * fillIndices.count
            for (k, i) in fillIndices.enumerated() {
                widths[i] = max(mins[k], share + (extra > 0 ? 1 : 0))
                if extra > 0 { extra -= 1 }
            }
            spare -= widths.enumerated().filter { fillIndices.contains($0.offset) }.map(\.element).reduce(0, +)
        }
        // Not enough room: hide columns from the right, then cut the last one shown.
        var x = 0
        for i in widths.indices {
            let gap = i == 0 ? 0 : columnSpacing
            let room = available - x - gap
            if room <= 0 || room < min(widths[i], 3) { widths[i] = 0; continue }
            widths[i] = min(widths[i], room)
            x += gap + widths[i]
        }
        return widths
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.clear(area)
        let widths = columnWidths(totalWidth: area.width)
        var body = area
        if showHeader {
            let (head, rest) = area.splitTop(1)
            body = rest
            buffer.clear(head, style: .header)
            var x = head.x + 1
            for (i, col) in columns.enumerated() where widths[i] > 0 {
                var title = Sanitize.terminalSafe(col.title)
                if let s = state.sort, s.column == i {
                    // The indicator always shows; the title gives way to it in a narrow column.
                    let arrow = s.ascending ? "▲" : "▼"
                    title = displayWidth(title) + 2 <= widths[i]
                        ? title + " " + arrow : TextFit.prefix(title, width: widths[i] - 1) + arrow
                }
                let text = TextFit.pad(title, width: widths[i], alignment: col.alignment)
                buffer.write(text, x: x, y: head.y, style: .header, maxWidth: widths[i])
                x += widths[i] + columnSpacing
            }
        }
        guard !body.isEmpty else { return }
        let count = source.rowCount
        if count == 0 {
            buffer.write(emptyMessage, x: body.x + 1, y: body.y, style: .muted, maxWidth: body.width - 1)
            return
        }
        let range = state.visibleRange(rowCount: count, pageSize: body.height)
        let rows = source.rows(in: range)
        for (k, row) in rows.prefix(body.height).enumerated() {
            let index = range.lowerBound + k
            let y = body.y + k
            let isSelected = showSelection && index == state.selected
            let lineStyle = isSelected ? Style.selected : row.style
            buffer.clear(body.row(k), style: lineStyle)
            if isSelected { buffer.write(marker, x: body.x, y: y, style: lineStyle, maxWidth: 1) }
            var x = body.x + 1
            for (i, width) in widths.enumerated() where width > 0 {
                let cell = i < row.cells.count ? row.cells[i] : TableCell("")
                let style = isSelected ? Self.selectedStyle(of: cell) : (cell.style ?? row.style)
                let text = TextFit.pad(Sanitize.terminalSafe(cell.text), width: width, alignment: columns[i].alignment)
                buffer.write(text, x: x, y: y, style: style, maxWidth: width)
                x += width + columnSpacing
            }
        }
    }
}

extension Table {
    /// A cell of the selected row: reversed as the selection is, but an overdue or due-soon cell
    /// keeps its role, so that the deadline's urgency still shows on the row the cursor is on.
    static func selectedStyle(of cell: TableCell) -> Style {
        guard let style = cell.style, style.role == .overdue || style.role == .dueSoon else { return .selected }
        return style.adding(.reverse)
    }
}

extension Table where Source == ArrayTableSource {
    /// A plain list of lines: one column, no header, the same selection and paging as a table.
    public static func list(_ items: [String], state: TableState, emptyMessage: String = "nothing to show") -> Table {
        Table(columns: [TableColumn("", width: .fill(min: 1))], source: ArrayTableSource(items.map { TableRow([$0]) }),
              state: state, showHeader: false, emptyMessage: emptyMessage)
    }
}
