/// A box-drawing border with an optional title in the top edge: `┌ Refuse IN-PRES-2026-0014 ──┐`.
public struct Box: Hashable, Sendable {
    public var title: String
    public var style: Style
    public var titleStyle: Style

    public init(title: String = "", style: Style = .normal, titleStyle: Style = .header) {
        self.title = title; self.style = style; self.titleStyle = titleStyle
    }

    /// Draws the border around `area`, clears the inside and returns it.
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        buffer.clear(area)
        let h = String(repeating: "─", count: area.width - 2)
        buffer.write("┌" + h + "┐", x: area.x, y: area.y, style: style, maxWidth: area.width)
        buffer.write("└" + h + "┘", x: area.x, y: area.bottom - 1, style: style, maxWidth: area.width)
        for y in (area.y + 1)..<(area.bottom - 1) {
            buffer.write("│", x: area.x, y: y, style: style)
            buffer.write("│", x: area.right - 1, y: y, style: style)
        }
        if !title.isEmpty, area.width > 4 {
            buffer.write(" " + TextFit.truncate(Sanitize.terminalSafe(title), width: area.width - 4) + " ",
                         x: area.x + 1, y: area.y, style: titleStyle, maxWidth: area.width - 2)
        }
        return area.inset(1)
    }
}

/// A horizontal rule across `area`'s first row, optionally titled: `─ Deadlines ─────────`.
public struct Rule: Hashable, Sendable {
    public var title: String
    public var style: Style
    public init(_ title: String = "", style: Style = .muted) { self.title = title; self.style = style }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.write(String(repeating: "─", count: area.width), x: area.x, y: area.y, style: style, maxWidth: area.width)
        if !title.isEmpty, area.width > 4 {
            buffer.write(" " + TextFit.truncate(Sanitize.terminalSafe(title), width: area.width - 4) + " ",
                         x: area.x + 1, y: area.y, style: .header, maxWidth: area.width - 2)
        }
    }
}

/// Wrapped text: one or more lines, each with a style, scrolled by `offset` rows.
public struct Paragraph: Hashable, Sendable {
    public var lines: [(text: String, style: Style)] { spans.map { ($0.text, $0.style) } }
    private var spans: [Span]
    public var offset: Int
    /// Wrap long lines at word boundaries (otherwise they are cut with "…").
    public var wrap: Bool

    struct Span: Hashable, Sendable { var text: String; var style: Style }

    public init(_ text: String, style: Style = .normal, wrap: Bool = true, offset: Int = 0) {
        spans = Sanitize.terminalSafeMultiline(text).split(separator: "\n", omittingEmptySubsequences: false)
            .map { Span(text: String($0), style: style) }
        self.wrap = wrap; self.offset = offset
    }

    public init(lines: [(String, Style)], wrap: Bool = true, offset: Int = 0) {
        spans = lines.map { Span(text: Sanitize.terminalSafe($0.0), style: $0.1) }
        self.wrap = wrap; self.offset = offset
    }

    /// Rows the text takes at `width`.
    public func height(width: Int) -> Int { rows(width: width).count }

    func rows(width: Int) -> [Span] {
        guard wrap else { return spans.map { Span(text: TextFit.truncate($0.text, width: width), style: $0.style) } }
        return spans.flatMap { s in TextFit.wrap(s.text, width: width).map { Span(text: $0, style: s.style) } }
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.clear(area)
        for (k, r) in rows(width: area.width).dropFirst(max(0, offset)).prefix(area.height).enumerated() {
            buffer.write(r.text, x: area.x, y: area.y + k, style: r.style, maxWidth: area.width)
        }
    }
}
