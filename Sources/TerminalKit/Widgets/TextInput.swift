/// A single-line text field: the text, the cursor, and the editing keys.
///
/// Keys (``handle(_:)``): printable characters insert (sanitised: control characters never
/// enter the text); ←/→ move, Home/Ctrl-A and End/Ctrl-E jump; Backspace and Delete/Ctrl-D
/// erase; Ctrl-U erases to the start, Ctrl-K to the end, Ctrl-W the word before the cursor;
/// Alt-B/Alt-F move by word. Everything else is left to the caller (Enter, Tab, Esc…).
///
/// The view scrolls horizontally, by display columns, to keep the cursor visible; a wide glyph
/// is never cut in half at either edge.
public struct TextInput: Hashable, Sendable {
    public private(set) var characters: [Character]
    /// Cursor position, in characters from the start (0…count).
    public private(set) var cursor: Int
    /// At most this many characters (nil: no limit).
    public var maxLength: Int?

    public init(_ text: String = "", maxLength: Int? = nil) {
        characters = Array(Sanitize.terminalSafe(text))
        if let maxLength, characters.count > maxLength { characters = Array(characters.prefix(maxLength)) }
        cursor = characters.count
        self.maxLength = maxLength
    }

    public var text: String {
        get { String(characters) }
        set { characters = Array(Sanitize.terminalSafe(newValue)); cursor = characters.count }
    }
    public var isEmpty: Bool { characters.isEmpty }

    /// Applies an editing key; returns false if the key is not an editing key.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c): insert(String(c))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .backspace:
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .ctrl("u"):
            characters.removeSubrange(0..<cursor); cursor = 0
        case .ctrl("k"):
            characters.removeSubrange(cursor...)
        case .ctrl("w"):
            let start = wordStart(before: cursor)
            characters.removeSubrange(start..<cursor); cursor = start
        case .alt("b"): cursor = wordStart(before: cursor)
        case .alt("f"): cursor = wordEnd(after: cursor)
        default: return false
        }
        return true
    }

    /// Inserts `s` (sanitised) at the cursor, up to `maxLength`.
    public mutating func insert(_ s: String) {
        var new = Array(Sanitize.terminalSafe(s))
        if let maxLength { new = Array(new.prefix(max(0, maxLength - characters.count))) }
        characters.insert(contentsOf: new, at: cursor)
        cursor += new.count
    }

    private func wordStart(before i: Int) -> Int {
        var j = i
        while j > 0 && characters[j - 1] == " " { j -= 1 }
        while j > 0 && characters[j - 1] != " " { j -= 1 }
        return j
    }
    private func wordEnd(after i: Int) -> Int {
        var j = i
        while j < characters.count && characters[j] == " " { j += 1 }
        while j < characters.count && characters[j] != " " { j += 1 }
        return j
    }

    /// The first character shown in a view `width` columns wide: 0 while the cursor fits,
    /// otherwise just enough scrolled that the cursor sits in the last column.
    public func firstVisible(width: Int) -> Int {
        guard width > 1 else { return cursor }
        var col = 0
        for c in characters[0..<cursor] { col += c.displayWidth }
        if col < width { return 0 }
        // Walk back from the cursor until the columns before it fill width - 1.
        var start = cursor
        var used = 0
        while start > 0 {
            let w = characters[start - 1].displayWidth
            if used + w > width - 1 { break }
            used += w
            start -= 1
        }
        return start
    }

    /// Draws the field on `area`'s first row; returns where the cursor goes when `focused`.
    /// An empty field shows `placeholder`, muted.
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect, focused: Bool, placeholder: String = "",
                       style: Style = .normal) -> Position? {
        guard !area.isEmpty else { return nil }
        let row = area.row(0)
        let fieldStyle = focused ? style.adding(.underline) : style
        buffer.clear(row, style: fieldStyle)
        if characters.isEmpty && !placeholder.isEmpty {
            buffer.write(placeholder, in: row, style: Style(.muted, focused ? [.underline] : []))
        }
        let start = firstVisible(width: row.width)
        var x = row.x
        var cursorX = row.x
        for i in start..<characters.count {
            if i == cursor { cursorX = x }
            let w = characters[i].displayWidth
            if x + w > row.right { break }
            buffer.write(String(characters[i]), x: x, y: row.y, style: fieldStyle, maxWidth: row.right - x)
            x += w
        }
        if cursor >= characters.count || cursor < start {
            var cx = row.x
            for c in characters[start..<cursor] { cx += c.displayWidth }
            cursorX = cx
        }
        return focused ? Position(x: min(cursorX, row.right - 1), y: row.y) : nil
    }
}
