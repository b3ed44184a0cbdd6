/// A modal dialog: a titled box centred over the screen. Draw the screen, then the dialog on
/// top; ``render(into:over:)`` returns the inside for the dialog's content (a ``Form``).
public struct Dialog: Hashable, Sendable {
    public var title: String
    public var width: Int
    public var height: Int
    public init(title: String, width: Int, height: Int) { self.title = title; self.width = width; self.height = height }

    /// The dialog's outer rect on `screen` (shrunk to fit, one cell of margin when possible).
    public func frame(on screen: Rect) -> Rect {
        screen.centered(width: min(width, max(0, screen.width - 2)), height: min(height, max(0, screen.height - 2)))
    }

    /// Draws the box and returns the inside, with one column of padding on each side.
    @discardableResult
    public func render(into buffer: inout Buffer, over screen: Rect) -> Rect {
        let inner = Box(title: title, style: .accent).render(into: &buffer, area: frame(on: screen))
        return inner.inset(horizontal: 1, vertical: 0)
    }
}

/// A yes/no question: message, a cancel and a confirm button. ←/→/Tab move between them, Enter
/// presses the focused one, `y` confirms, `n` and Esc cancel.
public struct Confirm: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable { case confirmed, cancelled }

    public var title: String
    public var message: String
    public var confirmTitle: String
    public var cancelTitle: String
    /// Starts on Cancel, so that a stray Enter does not confirm something irreversible.
    public var confirmFocused: Bool

    public init(title: String, message: String, confirmTitle: String = "Yes", cancelTitle: String = "Cancel",
                confirmFocused: Bool = false) {
        self.title = title; self.message = message; self.confirmTitle = confirmTitle
        self.cancelTitle = cancelTitle; self.confirmFocused = confirmFocused
    }

    /// nil while the question is still open.
    @discardableResult
    public mutating func handle(_ key: Key) -> Outcome? {
        switch key {
        case .left, .right, .tab, .backTab, .char("h"), .char("l"): confirmFocused.toggle(); return nil
        case .enter: return confirmFocused ? .confirmed : .cancelled
        case .char("y"), .char("Y"): return .confirmed
        case .char("n"), .char("N"), .escape: return .cancelled
        default: return nil
        }
    }

    public func render(into buffer: inout Buffer, over screen: Rect) {
        let width = min(max(40, displayWidth(Sanitize.terminalSafe(title)) + 6), screen.width - 2)
        let lines = TextFit.wrap(Sanitize.terminalSafeMultiline(message), width: max(1, width - 4))
        let dialog = Dialog(title: title, width: width, height: lines.count + 4)
        let inner = dialog.render(into: &buffer, over: screen)
        Paragraph(lines: lines.map { ($0, Style.normal) }).render(into: &buffer, area: Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - 1)))
        let cancel = "[ \(Sanitize.terminalSafe(cancelTitle)) ]", ok = "[ \(Sanitize.terminalSafe(confirmTitle)) ]"
        let total = displayWidth(cancel) + 3 + displayWidth(ok)
        let x = inner.right - total, y = inner.bottom - 1
        buffer.write(cancel, x: x, y: y, style: confirmFocused ? Style(.normal, [.bold]) : .selected)
        buffer.write(ok, x: x + displayWidth(cancel) + 3, y: y, style: confirmFocused ? .selected : Style(.normal, [.bold]))
    }
}
