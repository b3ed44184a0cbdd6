extension Form {
    /// The application's message, wrapped to `width`, as shown above the fields.
    func errorLines(width: Int) -> [String] {
        error.map { TextFit.wrap("✗ " + Sanitize.terminalSafeMultiline($0), width: width) } ?? []
    }

    /// Rows the whole form takes at `width`: the application's message, the fields, the buttons.
    public func height(width: Int) -> Int {
        errorLines(width: width).count + fields.map(\.height).reduce(0, +) + 1
    }

    /// Draws the application's message, then the fields (scrolled to show the focus), and the
    /// buttons on the last row of `area`; returns where the terminal cursor goes.
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect) -> Position? {
        guard area.height >= 2 else { return nil }
        // The message keeps at least a row for the fields and one for the buttons.
        let message = errorLines(width: area.width).prefix(area.height - 2)
        for (k, line) in message.enumerated() {
            buffer.write(line, x: area.x, y: area.y + k, style: .error, maxWidth: area.width)
        }
        let (body, buttons) = Rect(x: area.x, y: area.y + message.count, width: area.width, height: area.height - message.count)
            .splitBottom(1)
        let labelWidth = min(24, (fields.filter(\.isInline).map { displayWidth(Sanitize.terminalSafe($0.label)) }.max() ?? 0) + 2)

        // Rows of every field, then the window that shows the focused one.
        var tops: [Int] = []
        var y = 0
        for f in fields { tops.append(y); y += f.height }
        var offset = 0
        if let field = focusedField {
            let top = tops[focus], bottom = top + field.height
            if bottom > body.height { offset = min(top, bottom - body.height) }
        } else if y > body.height {
            offset = y - body.height
        }
        var cursor: Position?
        for (i, field) in fields.enumerated() {
            let view = FieldView(field: field, focused: i == focus, labelWidth: labelWidth, top: tops[i] - offset, area: body)
            if let c = view.render(into: &buffer) { cursor = c }
        }
        // Buttons, right-aligned: [ Cancel ]   [ Save ]
        let cancel = "[ \(Sanitize.terminalSafe(cancelLabel)) ]", save = "[ \(Sanitize.terminalSafe(submitLabel)) ]"
        let x = max(buttons.x, buttons.right - displayWidth(cancel) - displayWidth(save) - 4)
        buffer.clear(buttons)
        // A form taller than its dialog says so, left of the buttons: fields hidden above or below.
        let cue = [offset > 0 ? "↑ more above" : nil, offset + body.height < y ? "↓ more below" : nil].compactMap { $0 }
        if !cue.isEmpty {
            buffer.write(TextFit.truncate(cue.joined(separator: " · "), width: max(0, x - buttons.x - 1)),
                         x: buttons.x, y: buttons.y, style: Style(.accent, [.bold]))
        }
        buffer.write(cancel, x: x, y: buttons.y, style: cancelFocused ? .selected : .normal)
        buffer.write(save, x: x + displayWidth(cancel) + 3, y: buttons.y, style: submitFocused ? .selected : Style(.accent, [.bold]))
        return cursor
    }
}

/// One field drawn from row `top` of `area` (rows outside the area are not drawn).
private struct FieldView {
    var field: FormField
    var focused: Bool
    var labelWidth: Int
    var top: Int
    var area: Rect

    func row(_ k: Int) -> Rect? {
        let y = top + k
        guard y >= 0, y < area.height else { return nil }
        return Rect(x: area.x, y: area.y + y, width: area.width, height: 1)
    }

    var labelStyle: Style { focused ? Style(.accent, [.bold]) : .normal }

    /// Draws the field and its message; returns the cursor when the field is focused.
    func render(into buffer: inout Buffer) -> Position? {
        let label = Sanitize.terminalSafe(field.label), note = Sanitize.terminalSafe(field.note)
        var cursor: Position?
        switch field.input {
        case .line, .choice, .toggle:
            cursor = renderOneRow(label: label, note: note, into: &buffer)
        case .checks(let options, let ticked, let at):
            renderLabelRow(label: label, note: note, into: &buffer)
            let codeWidth = min(24, (options.map { displayWidth(Sanitize.terminalSafe($0.label)) }.max() ?? 0) + 2)
            for (k, option) in options.enumerated() {
                guard let r = row(1 + k) else { continue }
                let style: Style = focused && k == at ? .selected : .normal
                let box = ticked.contains(k) ? "[x] " : "[ ] "
                buffer.clear(Rect(x: r.x + 2, y: r.y, width: r.width - 2, height: 1), style: style)
                let text = box + TextFit.pad(Sanitize.terminalSafe(option.label), width: codeWidth) + Sanitize.terminalSafe(option.detail)
                buffer.write(text, in: r, column: 2, style: style)
            }
        case .area(let text, let rows):
            renderLabelRow(label: label, note: note, into: &buffer)
            // The box is drawn whole off screen, then the rows of it in view are copied: a text
            // area cut by the edge of the form shows its text, never blank rows.
            let boxTop = top + 1
            var box = Buffer(width: area.width, height: rows + 2)
            let inner = Box(style: focused ? .accent : .muted).render(into: &box, area: box.area)
            let at = text.render(into: &box, area: inner.inset(horizontal: 1, vertical: 0), focused: focused)
            for k in 0..<(rows + 2) {
                let y = boxTop + k
                guard y >= 0, y < area.height else { continue }
                for x in 0..<box.width where !box[x, k].isContinuation {
                    buffer.set(x: area.x + x, y: area.y + y, box[x, k])
                }
            }
            if let at, boxTop + at.y >= 0, boxTop + at.y < area.height {
                cursor = Position(x: area.x + at.x, y: area.y + boxTop + at.y)
            }
        }
        if let error = field.error, let r = row(field.height - 1) {
            buffer.write(TextFit.truncate("  ✗ " + Sanitize.terminalSafe(error), width: r.width), in: r, style: .error)
        }
        return focused ? cursor : nil
    }

    /// The label (and note) on a row of its own, above a box or a tick list.
    func renderLabelRow(label: String, note: String, into buffer: inout Buffer) {
        guard let r = row(0) else { return }
        buffer.write(label, in: r, style: labelStyle)
        if !note.isEmpty {
            let room = max(0, r.width - displayWidth(label) - 1)
            buffer.write(TextFit.truncate(note, width: room), in: r, column: displayWidth(label) + 1, style: .muted)
        }
    }

    /// A line, a choice or a toggle: label, input, note, on one row (on two when stacked).
    func renderOneRow(label: String, note: String, into buffer: inout Buffer) -> Position? {
        let rest: Rect
        if field.stacked {
            if let first = row(0) { buffer.write(label, in: first, style: labelStyle) }
            guard let below = row(1) else { return nil }
            rest = below.splitLeft(4).1
        } else {
            guard let only = row(0) else { return nil }
            buffer.write(TextFit.truncate(label, width: labelWidth - 1), in: only, style: labelStyle)
            rest = only.splitLeft(labelWidth).1
        }
        let noteWidth = note.isEmpty ? 0 : min(displayWidth(note) + 2, rest.width / 2)
        let (input, noteArea) = rest.splitLeft(rest.width - noteWidth)
        // A note too long for its half of the row ends in an ellipsis, never mid-word unmarked.
        if noteWidth > 0 { buffer.write(TextFit.truncate(note, width: noteWidth - 2), in: noteArea, column: 2, style: .muted) }
        let underlined = Style(.normal, [.underline])
        switch field.input {
        case .line(let t):
            // Underlined even when not focused, so an empty field shows where to type.
            return t.render(into: &buffer, area: Rect(x: input.x, y: input.y, width: max(1, input.width - 1), height: 1),
                            focused: focused, style: underlined)
        case .choice(let options, let i):
            let text = options.indices.contains(i) ? Sanitize.terminalSafe(options[i].label) : "—"
            let shown = focused ? "◀ \(text) ▶" : text
            buffer.write(shown, in: input, style: focused ? underlined : .normal)
            if options.indices.contains(i), !options[i].detail.isEmpty {
                let room = max(0, input.width - displayWidth(shown) - 2)
                buffer.write(TextFit.truncate(options[i].detail, width: room), in: input, column: displayWidth(shown) + 2, style: .muted)
            }
        case .toggle(let on):
            buffer.write(on ? "[x]" : "[ ]", in: input, style: focused ? underlined : .normal)
        case .area, .checks:
            break
        }
        return nil
    }
}
