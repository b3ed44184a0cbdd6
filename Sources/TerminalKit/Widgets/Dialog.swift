/// A modal dialog: a titled box over the screen. Draw the screen, then the dialog on top; the
/// render methods return the inside, one column of padding in from the border, for the content.
public struct Dialog: Hashable, Sendable {
    public var title: String
    public var width: Int
    public var height: Int
    public var style: Style
    public init(title: String, width: Int, height: Int, style: Style = .accent) {
        self.title = title; self.width = width; self.height = height; self.style = style
    }

    /// The dialog's outer rect, centred on `screen` and no larger than it.
    public func frame(on screen: Rect) -> Rect { screen.centered(width: width, height: height) }

    /// Draws the dialog centred on `screen`.
    @discardableResult
    public func render(into buffer: inout Buffer, over screen: Rect) -> Rect {
        render(into: &buffer, at: frame(on: screen))
    }

    /// Draws the dialog in `frame` (a dialog placed elsewhere than the centre: a palette at the top).
    @discardableResult
    public func render(into buffer: inout Buffer, at frame: Rect) -> Rect {
        // A blank column either side: a fragment of the list beneath ("▶I│", "or") against the
        // border would read as part of the dialog.
        for x in [frame.x - 1, frame.right] where x >= 0 && x < buffer.width {
            buffer.clear(Rect(x: x, y: frame.y, width: 1, height: frame.height))
        }
        return Box(title: title, style: style).render(into: &buffer, area: frame).inset(horizontal: 1, vertical: 0)
    }
}

extension Form {
    /// Draws the form in a dialog centred over `screen`: `intro` (muted, wrapped) above the fields,
    /// at most `maxWidth` wide, and as tall as its content up to the screen's height less one row,
    /// so that the key hints on the last row stay in view. Returns where the cursor goes.
    @discardableResult
    public func renderDialog(title: String, intro: [String] = [], maxWidth: Int = 84,
                             into buffer: inout Buffer, over screen: Rect) -> Position? {
        let width = min(screen.width - 2, maxWidth)
        let innerWidth = width - 4
        let introLines = intro.flatMap { TextFit.wrap($0, width: innerWidth) }
        let wanted = introLines.count + (introLines.isEmpty ? 0 : 1) + height(width: innerWidth) + 2
        let inner = Dialog(title: title, width: width, height: min(screen.height - 1, wanted)).render(into: &buffer, over: screen)
        var y = inner.y
        for line in introLines where y < inner.bottom - 2 {
            buffer.write(line, x: inner.x, y: y, style: .muted, maxWidth: inner.width); y += 1
        }
        if !introLines.isEmpty { y += 1 }
        return render(into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: inner.bottom - y))
    }
}

/// A question over the screen, answered with the keys hinted under it (the application's yes
/// and no, from its key table):
///
///     ┌ Question ──────────────────────────────────────┐
///     │ Close the form? What you typed is not saved.   │
///     │                                                │
///     │ y yes   n no                                   │
///     └────────────────────────────────────────────────┘
public struct Confirm: Hashable, Sendable {
    public var title: String
    public var message: String
    public var answers: [KeyHint]

    public init(title: String = "Question", message: String,
                answers: [KeyHint] = [KeyHint(key: "y", label: "yes"), KeyHint(key: "n", label: "no")]) {
        self.title = title; self.message = message; self.answers = answers
    }

    public func render(into buffer: inout Buffer, over screen: Rect) {
        let message = Sanitize.terminalSafeMultiline(message)
        let widest = message.split(separator: "\n").map { displayWidth(String($0)) }.max() ?? 0
        let width = min(screen.width - 4, max(40, widest + 6, displayWidth(Sanitize.terminalSafe(title)) + 6))
        let lines = TextFit.wrap(message, width: max(1, width - 4))
        let inner = Dialog(title: title, width: width, height: lines.count + 4, style: .dueSoon).render(into: &buffer, over: screen)
        for (k, line) in lines.enumerated() { buffer.write(line, in: inner.row(k)) }
        buffer.write(answers.map(\.text).joined(separator: "   "), in: inner.row(lines.count + 1), style: Style(.accent, [.bold]))
    }
}
