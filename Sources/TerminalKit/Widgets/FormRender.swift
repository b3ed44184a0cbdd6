extension Form {
    func effectiveLabelWidth(_ width: Int) -> Int {
        if let labelWidth { return labelWidth }
        let widest = fields.filter(\.isInline).map { displayWidth(Sanitize.terminalSafe($0.label)) }.max() ?? 0
        return min(widest + 2, width / 3)
    }

    /// Rows field `i` takes: label/box/options, plus one for its message.
    func rowCount(of field: FormField) -> Int {
        let body: Int
        switch field.kind {
        case .text, .date, .choice: body = 1
        case .textArea(_, let height): body = 1 + height + 2
        case .checkboxes(let options, _, _): body = 1 + options.count
        }
        return body + (field.error == nil ? 0 : 1)
    }

    /// Rows the whole form takes (fields, then one row of buttons).
    public var height: Int { fields.map(rowCount).reduce(0, +) + (buttons.isEmpty ? 0 : 1) }

    /// Draws the form in `area`, scrolled so the focused field is visible; returns the cursor
    /// position for the focused text field.
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect) -> Position? {
        guard !area.isEmpty else { return nil }
        buffer.clear(area)
        // Lay out on a scratch buffer as tall as the form, then show the window with the focus.
        let total = height
        var scratch = Buffer(width: area.width, height: max(1, total))
        var cursor: Position?
        var y = 0
        var focusTop = 0, focusBottom = 0
        let labelWidth = effectiveLabelWidth(area.width)
        for (i, field) in fields.enumerated() {
            let focused = i == focus
            let top = y
            let labelStyle: Style = focused ? Style(.accent, [.bold]) : .normal
            switch field.kind {
            case .text(let input), .date(let input):
                scratch.write(field.label, x: 0, y: y, style: labelStyle, maxWidth: labelWidth)
                let width: Int
                if case .date = field.kind { width = min(12, area.width - labelWidth) } else { width = area.width - labelWidth }
                let c = input.render(into: &scratch, area: Rect(x: labelWidth, y: y, width: width, height: 1),
                                     focused: focused, placeholder: field.placeholder)
                if focused { cursor = c }
                y += 1
            case .choice(let options, let selected):
                scratch.write(field.label, x: 0, y: y, style: labelStyle, maxWidth: labelWidth)
                let value = options.indices.contains(selected) ? options[selected] : ""
                let text = options.count > 1 ? "‹ \(value) ›" : value
                scratch.write(text, x: labelWidth, y: y, style: focused ? .selected : .normal, maxWidth: area.width - labelWidth)
                y += 1
            case .textArea(let text, let height):
                scratch.write(field.label, x: 0, y: y, style: labelStyle)
                y += 1
                let inner = Box(style: focused ? .accent : .normal)
                    .render(into: &scratch, area: Rect(x: 0, y: y, width: area.width, height: height + 2))
                let c = text.render(into: &scratch, area: inner, focused: focused, placeholder: field.placeholder)
                if focused { cursor = c }
                y += height + 2
            case .checkboxes(let options, let checked, let at):
                scratch.write(field.label, x: 0, y: y, style: labelStyle)
                y += 1
                let codeWidth = min(area.width / 3, options.map { displayWidth(Sanitize.terminalSafe($0.code)) }.max() ?? 0)
                for (k, option) in options.enumerated() {
                    let rowStyle: Style = focused && k == at ? .selected : .normal
                    let row = Rect(x: 0, y: y, width: area.width, height: 1)
                    scratch.clear(row, style: rowStyle)
                    let box = checked.contains(k) ? "[x] " : "[ ] "
                    var line = "  " + box + TextFit.pad(Sanitize.terminalSafe(option.code), width: codeWidth)
                    if !option.text.isEmpty { line += "  " + Sanitize.terminalSafe(option.text) }
                    scratch.write(TextFit.truncate(line, width: area.width), x: 0, y: y, style: rowStyle)
                    y += 1
                }
            }
            if let error = field.error {
                scratch.write(TextFit.truncate("  ✗ " + Sanitize.terminalSafe(error), width: area.width), x: 0, y: y, style: .error)
                y += 1
            }
            if focused { focusTop = top; focusBottom = y }
        }
        if !buttons.isEmpty {
            let texts = buttons.map { "[ \(Sanitize.terminalSafe($0.title)) ]" }
            let totalWidth = texts.map(displayWidth).reduce(0, +) + 3 * (texts.count - 1)
            var x = max(0, area.width - totalWidth - 1)
            for (k, t) in texts.enumerated() {
                let focused = fields.count + k == focus
                scratch.write(t, x: x, y: y, style: focused ? .selected : Style(.normal, [.bold]))
                x += displayWidth(t) + 3
            }
            if focus >= fields.count { focusTop = y; focusBottom = y + 1 }
            y += 1
        }
        // Scroll: keep the focused field (and the buttons when focused) in view.
        var offset = 0
        if total > area.height {
            if focusBottom > area.height { offset = min(focusBottom - area.height, focusTop) }
            offset = min(offset, total - area.height)
        }
        for row in 0..<min(area.height, total - offset) {
            for x in 0..<area.width {
                let cell = scratch[x, row + offset]
                if cell.isContinuation { continue }
                buffer.set(x: area.x + x, y: area.y + row, cell)
            }
        }
        if let c = cursor, c.y >= offset, c.y < offset + area.height {
            return Position(x: area.x + c.x, y: area.y + c.y - offset)
        }
        return nil
    }
}
