/// A multi-line text field (reasons, facts): lines, a cursor, editing keys, soft wrapping.
///
/// Keys: as ``TextInput`` on the current line, plus Enter for a new line, ↑/↓ between lines
/// (keeping the column), PgUp/PgDn, and Backspace/Delete joining lines. Tab, Shift-Tab and Esc
/// are left to the caller.
public struct TextArea: Hashable, Sendable {
    public private(set) var lines: [[Character]]
    public private(set) var row: Int
    public private(set) var column: Int
    public var maxLength: Int?

    public init(_ text: String = "", maxLength: Int? = nil) {
        lines = Sanitize.terminalSafeMultiline(text).split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        if lines.isEmpty { lines = [[]] }
        row = lines.count - 1
        column = lines[row].count
        self.maxLength = maxLength
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }
    public var isEmpty: Bool { lines.allSatisfy(\.isEmpty) }
    private var count: Int { lines.reduce(lines.count - 1) { $0 + $1.count } }

    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .enter:
            if let maxLength, count >= maxLength { return true }
            let rest = Array(lines[row][column...])
            lines[row].removeSubrange(column...)
            lines.insert(rest, at: row + 1)
            row += 1; column = 0
        case .up:
            guard row > 0 else { return false }
            moveVertically(to: row - 1)
        case .down:
            guard row < lines.count - 1 else { return false }
            moveVertically(to: row + 1)
        case .pageUp: moveVertically(to: max(0, row - 5))
        case .pageDown: moveVertically(to: min(lines.count - 1, row + 5))
        case .backspace where column == 0:
            guard row > 0 else { return true }
            let line = lines.remove(at: row)
            row -= 1; column = lines[row].count
            lines[row].append(contentsOf: line)
        case .delete where column == lines[row].count, .ctrl("d") where column == lines[row].count:
            guard row < lines.count - 1 else { return true }
            let next = lines.remove(at: row + 1)
            lines[row].append(contentsOf: next)
        case .left where column == 0:
            guard row > 0 else { return true }
            row -= 1; column = lines[row].count
        case .right where column == lines[row].count:
            guard row < lines.count - 1 else { return true }
            row += 1; column = 0
        default:
            var input = TextInput(String(lines[row]))
            input.maxLength = maxLength.map { max(0, $0 - count + lines[row].count) }
            input.handle(.home)
            for _ in 0..<column { input.handle(.right) }
            guard input.handle(key) else { return false }
            lines[row] = input.characters
            column = input.cursor
        }
        return true
    }

    private mutating func moveVertically(to newRow: Int) {
        let targetCol = displayColumn(of: lines[row], upTo: column)
        row = newRow
        var col = 0, i = 0
        while i < lines[row].count {
            let w = lines[row][i].displayWidth
            if col + w > targetCol { break }
            col += w; i += 1
        }
        column = i
    }

    private func displayColumn(of line: [Character], upTo i: Int) -> Int {
        line[0..<i].reduce(0) { $0 + $1.displayWidth }
    }

    /// Logical lines cut into rows of `width` columns, at a space when there is one:
    /// (line index, start, end) in characters.
    func visualRows(width: Int) -> [(line: Int, start: Int, end: Int)] {
        var out: [(Int, Int, Int)] = []
        for (li, line) in lines.enumerated() {
            var start = 0, used = 0, lastBreak = -1
            var i = 0
            while i < line.count {
                let w = line[i].displayWidth
                if used + w > width && i > start {
                    let end = lastBreak > start ? lastBreak : i
                    out.append((li, start, end))
                    start = end; lastBreak = -1
                    used = line[start..<i].reduce(0) { $0 + $1.displayWidth }
                    continue
                }
                used += w
                if line[i] == " " { lastBreak = i + 1 }
                i += 1
            }
            out.append((li, start, line.count))
        }
        return out
    }

    /// Draws the text soft-wrapped in `area`, scrolled to show the cursor; returns the cursor
    /// position when `focused`.
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect, focused: Bool, placeholder: String = "") -> Position? {
        guard !area.isEmpty else { return nil }
        buffer.clear(area)
        let width = max(1, area.width - 1)  // the last column is kept for the cursor at line end
        let rows = visualRows(width: width)
        let cursorRow = rows.lastIndex { $0.line == row && $0.start <= column } ?? 0
        let first = max(0, cursorRow - area.height + 1)
        if isEmpty && !placeholder.isEmpty { buffer.write(placeholder, in: area, style: .muted) }
        for (k, r) in rows[first...].prefix(area.height).enumerated() {
            buffer.write(String(lines[r.line][r.start..<r.end]), x: area.x, y: area.y + k, maxWidth: area.width)
        }
        guard focused else { return nil }
        let r = rows[cursorRow]
        let x = area.x + displayColumn(of: Array(lines[r.line][r.start..<column]), upTo: column - r.start)
        return Position(x: min(x, area.right - 1), y: area.y + cursorRow - first)
    }
}
