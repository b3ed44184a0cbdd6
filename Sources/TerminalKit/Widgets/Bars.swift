/// Tabs across one row: ` [Cases]  Deadlines  Dashboard  Directory`.
public struct Tabs: Hashable, Sendable {
    public var titles: [String]
    public var selected: Int
    public init(_ titles: [String], selected: Int) { self.titles = titles; self.selected = selected }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.clear(area.row(0))
        var x = area.x + 1
        for (i, title) in titles.enumerated() {
            let isSelected = i == selected
            let text = isSelected ? "[\(Sanitize.terminalSafe(title))]" : " \(Sanitize.terminalSafe(title)) "
            let w = displayWidth(text)
            guard x + w <= area.right else { break }
            buffer.write(text, x: x, y: area.y, style: isSelected ? Style(.accent, [.bold]) : .normal)
            x += w + 1
        }
    }
}

/// The bottom line: key hints from the key table (`⏎ open  n new  ? help  q quit`), with an
/// optional message on the right. Hints that do not fit whole are left out, from the end.
public struct StatusBar: Hashable, Sendable {
    public var hints: [KeyHint]
    public var message: String
    public var messageStyle: Style

    public init(hints: [KeyHint], message: String = "", messageStyle: Style = .muted) {
        self.hints = hints; self.message = message; self.messageStyle = messageStyle
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.clear(row)
        let msg = Sanitize.terminalSafe(message)
        let msgWidth = msg.isEmpty ? 0 : min(displayWidth(msg), max(0, row.width - 2))
        let limit = row.width - (msgWidth > 0 ? msgWidth + 2 : 0)
        var x = row.x + 1
        for hint in hints {
            let keyW = displayWidth(hint.key), labelW = displayWidth(hint.label)
            guard x + keyW + 1 + labelW <= row.x + limit else { break }
            buffer.write(hint.key, x: x, y: row.y, style: Style(.accent, [.bold]))
            buffer.write(hint.label, x: x + keyW + 1, y: row.y, style: .normal)
            x += keyW + 1 + labelW + 2
        }
        if msgWidth > 0 {
            buffer.write(TextFit.truncate(msg, width: msgWidth), x: row.right - msgWidth - 1, y: row.y, style: messageStyle)
        }
    }
}

/// A sparkline of the last values that fit: `▂▃▅▇▆▅▃▄▆▇█▅`, scaled to the largest value
/// (or `maximum`). Zero is `▁` so the months stay countable.
public struct Sparkline: Hashable, Sendable {
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    public var values: [Int]
    public var maximum: Int?
    public var style: Style
    public init(_ values: [Int], maximum: Int? = nil, style: Style = .accent) {
        self.values = values; self.maximum = maximum; self.style = style
    }

    /// The sparkline as text, at most `width` characters (the most recent values).
    public func text(width: Int) -> String {
        let shown = values.suffix(max(0, width))
        let top = max(1, maximum ?? shown.max() ?? 1)
        return String(shown.map { v -> Character in
            let clamped = min(max(0, v), top)
            let i = clamped == 0 ? 0 : max(1, (clamped * 7 + top / 2) / top)
            return Sparkline.levels[min(7, i)]
        })
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.write(text(width: area.width), x: area.x, y: area.y, style: style, maxWidth: area.width)
    }
}

/// Horizontal bars, one per row: `a.moreau   ████████▌      41`. Eighth blocks give the bars
/// a finer end than whole cells.
public struct BarChart: Hashable, Sendable {
    public struct Bar: Hashable, Sendable {
        public var label: String
        public var value: Int
        public var style: Style
        public init(_ label: String, _ value: Int, style: Style = .accent) {
            self.label = label; self.value = value; self.style = style
        }
    }
    public var bars: [Bar]
    public var maximum: Int?
    public init(_ bars: [Bar], maximum: Int? = nil) { self.bars = bars; self.maximum = maximum }

    static let eighths: [String] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.clear(area)
        let labelWidth = min(max(0, area.width / 3), bars.map { displayWidth(Sanitize.terminalSafe($0.label)) }.max() ?? 0)
        let valueWidth = bars.map { String($0.value).count }.max() ?? 1
        let barWidth = max(0, area.width - labelWidth - valueWidth - 2)
        let top = max(1, maximum ?? bars.map(\.value).max() ?? 1)
        for (k, bar) in bars.prefix(area.height).enumerated() {
            let y = area.y + k
            buffer.write(TextFit.pad(Sanitize.terminalSafe(bar.label), width: labelWidth), x: area.x, y: y)
            let eighthsTotal = min(max(0, bar.value), top) * barWidth * 8 / top
            let full = String(repeating: "█", count: eighthsTotal / 8) + BarChart.eighths[eighthsTotal % 8]
            buffer.write(full, x: area.x + labelWidth + 1, y: y, style: bar.style, maxWidth: barWidth)
            buffer.write(TextFit.pad(String(bar.value), width: valueWidth, alignment: .right),
                         x: area.right - valueWidth, y: y)
        }
    }
}
