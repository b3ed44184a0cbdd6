/// A piece of text with a style, for lines that mix styles.
public struct Span: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var style: Style
    public init(_ text: String, _ style: Style = .normal) { self.text = text; self.style = style }
    public init(stringLiteral value: String) { self.init(value) }
}

/// One screen cell: the grapheme shown there and its style.
///
/// A wide glyph (CJK, emoji) lives in its first cell; the cell to its right holds the empty
/// `symbol` "" and is a *continuation*: backends skip it, as ratatui does.
public struct Cell: Hashable, Sendable, CustomStringConvertible {
    public var symbol: String
    public var style: Style

    public init(_ symbol: String = " ", style: Style = .normal) {
        self.symbol = symbol; self.style = style
    }
    public static let blank = Cell()

    public var isContinuation: Bool { symbol.isEmpty }
    /// Columns the symbol takes (0 for a continuation).
    public var width: Int { symbol.isEmpty ? 0 : max(1, displayWidth(symbol)) }
    public var description: String { "\"\(symbol)\"(\(style))" }
}

/// A grid of cells: what a screen looks like, as data.
///
/// Screens are drawn into a `Buffer` by a pure function of the application state; a backend
/// then draws only what changed since the last frame (see ``Buffer/diff(from:)``). Tests assert
/// ``lines`` (or ``trimmedLines``) — a whole screen, as text.
///
/// Every string written passes through ``Sanitize/terminalSafe(_:)``, is clipped at the given
/// width and never splits a wide glyph (if only one column is left, a space is drawn instead).
public struct Buffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width); self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }
    public init(_ size: Size) { self.init(width: size.width, height: size.height) }

    /// A buffer showing `lines` (normal style), each padded/clipped to the widest line; for tests.
    public init(lines: [String]) {
        let w = lines.map { displayWidth($0) }.max() ?? 0
        self.init(width: w, height: lines.count)
        for (y, line) in lines.enumerated() { write(line, x: 0, y: y) }
    }

    public var size: Size { Size(width: width, height: height) }
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
    }

    /// Each row as text: symbols concatenated (continuations add nothing), so every line has
    /// display width `width`, trailing spaces included.
    public var lines: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width { s += cells[y * width + x].symbol }
            return s
        }
    }

    /// ``lines`` with trailing spaces removed: easier to write in a test.
    public var trimmedLines: [String] {
        lines.map { line in
            var l = Substring(line)
            while l.last == " " { l = l.dropLast() }
            return String(l)
        }
    }

    /// The style of every cell on row `y`, for asserting colours by role.
    public func styles(row y: Int) -> [Style] {
        (0..<width).map { self[$0, y].style }
    }

    /// The text on row `y` between columns `x` and `x + width` (for focused assertions).
    public func text(x: Int, y: Int, width w: Int) -> String {
        var s = ""
        for cx in max(0, x)..<min(width, x + w) { s += self[cx, y].symbol }
        return s
    }

    // MARK: writing

    /// Puts one cell, repairing any wide glyph it overlaps so the grid stays consistent.
    /// The symbol must be one visible grapheme: anything else (a control character, an escape
    /// sequence, several characters, a lone combining mark, "") is replaced by a space.
    public mutating func set(x: Int, y: Int, _ cell: Cell) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        var cell = cell
        if !Buffer.isDrawable(cell.symbol) { cell.symbol = " " }
        let i = y * width + x
        let w = cell.width
        if w == 2 && x + 1 >= width {
            // A wide glyph in the last column cannot be drawn: show a space instead.
            set(x: x, y: y, Cell(" ", style: cell.style)); return
        }
        clearOverlap(at: x, y: y)
        if w == 2 { clearOverlap(at: x + 1, y: y) }
        cells[i] = cell
        if w == 2 { cells[i + 1] = Cell("", style: cell.style) }
    }

    static func isDrawable(_ symbol: String) -> Bool {
        guard let first = symbol.first, symbol.index(after: symbol.startIndex) == symbol.endIndex else { return false }
        return first.displayWidth > 0 && Sanitize.isTerminalSafe(symbol)
    }

    /// Overwriting half of a wide glyph blanks its other half.
    private mutating func clearOverlap(at x: Int, y: Int) {
        let i = y * width + x
        let old = cells[i]
        if old.isContinuation, x > 0 {
            cells[i - 1] = Cell(" ", style: cells[i - 1].style)
            cells[i] = Cell(" ", style: old.style)
        } else if old.width == 2, x + 1 < width {
            cells[i + 1] = Cell(" ", style: old.style)
        }
    }

    /// Writes `text` (sanitised) from (`x`, `y`) in at most `maxWidth` columns (default: to the
    /// buffer's edge). Returns the number of columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? width, width - x)
        guard limit > 0 else { return 0 }
        let safe = Sanitize.terminalSafe(text)
        var used = 0
        var cx = x
        for ch in safe {
            let w = ch.displayWidth
            if w == 0 {
                // A lone zero-width grapheme (a stray combining mark) joins the previous cell.
                if cx > x, cx - 1 >= 0 {
                    var prevX = cx - 1
                    if self[prevX, y].isContinuation, prevX > 0 { prevX -= 1 }
                    if prevX >= 0 && prevX < width && !self[prevX, y].symbol.isEmpty {
                        let prev = self[prevX, y]
                        let joined = prev.symbol + String(ch)
                        if joined.count == 1, displayWidth(joined) == prev.width { cells[y * width + prevX].symbol = joined }
                    }
                }
                continue
            }
            if used + w > limit {
                if w == 2 && used < limit, cx >= 0 { set(x: cx, y: y, Cell(" ", style: style)); used += 1 }
                break
            }
            if cx >= 0 { set(x: cx, y: y, Cell(String(ch), style: style)) }
            else if cx == -1 && w == 2 { set(x: 0, y: y, Cell(" ", style: style)) }
            cx += w; used += w
        }
        return used
    }

    /// Writes pieces of text in different styles one after the other (`✓ a authority  ✗ d
    /// custodian`), in at most `maxWidth` columns. Returns the number of columns used.
    @discardableResult
    public mutating func write(_ spans: [Span], x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        var used = 0
        let limit = maxWidth ?? (width - x)
        for span in spans {
            guard used < limit else { break }
            used += write(span.text, x: x + used, y: y, style: span.style, maxWidth: limit - used)
        }
        return used
    }

    /// Writes `text` into `area`'s first row, clipped to the area.
    @discardableResult
    public mutating func write(_ text: String, in area: Rect, row: Int = 0, column: Int = 0,
                               style: Style = .normal, alignment: Alignment = .left) -> Int {
        guard row >= 0, row < area.height, column < area.width else { return 0 }
        let avail = area.width - column
        switch alignment {
        case .left:
            return write(text, x: area.x + column, y: area.y + row, style: style, maxWidth: avail)
        case .right, .center:
            let t = TextFit.truncate(Sanitize.terminalSafe(text), width: avail)
            let gap = avail - displayWidth(t)
            let off = alignment == .right ? gap : gap / 2
            return write(t, x: area.x + column + off, y: area.y + row, style: style, maxWidth: avail - off)
        }
    }

    /// Fills `area` with `cell`.
    public mutating func fill(_ area: Rect, with cell: Cell = .blank) {
        let r = area.intersection(self.area)
        guard !r.isEmpty else { return }
        for y in r.top..<r.bottom { for x in r.left..<r.right { set(x: x, y: y, cell) } }
    }

    /// Clears `area` to spaces in `style`.
    public mutating func clear(_ area: Rect, style: Style = .normal) { fill(area, with: Cell(" ", style: style)) }

    /// Changes the style of every cell in `area`, keeping the symbols.
    public mutating func setStyle(_ style: Style, in area: Rect) {
        let r = area.intersection(self.area)
        guard !r.isEmpty else { return }
        for y in r.top..<r.bottom { for x in r.left..<r.right { cells[y * width + x].style = style } }
    }

    /// Copies `other` onto this buffer with its top-left corner at `origin` (clipped).
    public mutating func paste(_ other: Buffer, at origin: Position) {
        for y in 0..<other.height {
            for x in 0..<other.width {
                let c = other[x, y]
                if c.isContinuation { continue }
                set(x: origin.x + x, y: origin.y + y, c)
            }
        }
    }
}
