import CaseStore
import Casework
import TerminalKit

/// Dialogs drawn over the screen: the act and new-case pickers, forms, the palette, questions.
enum Overlays {
    /// A detail's dialog width, its lines wrapped to it, and how many fit on the screen: the
    /// reducer scrolls a long one (a letter's preview) by the same measure.
    static func detailLayout(_ d: Detail, size: Size) -> (width: Int, lines: [String], rows: Int) {
        let width = min(size.width - 4, 90)
        let text = d.lines.flatMap { $0.isEmpty ? [""] : TextFit.wrap(Sanitize.terminalSafe($0), width: width - 4) }
        return (width, text, max(1, min(size.height - 4, text.count)))
    }

    static func pickerWidth(_ size: Size) -> Int { min(size.width - 4, 90) }
    /// The "not now" notes wrapped to the dialog (the article comes first, so a cut keeps the rule).
    static func notNowLines(_ picker: Picker, size: Size) -> [String] {
        picker.notNow.flatMap { TextFit.wrap($0, width: max(10, pickerWidth(size) - 4)) }
    }
    /// Rows the notes take: a blank line, then at most 4 lines of notes.
    static func notesHeight(_ picker: Picker, size: Size) -> Int {
        picker.notNow.isEmpty ? 0 : min(notNowLines(picker, size: size).count, 4) + 1
    }
    static func pickerHeight(_ picker: Picker, size: Size) -> Int {
        min(size.height - 2, picker.options.count + 5 + notesHeight(picker, size: size))
    }
    /// Rows of choices a picker shows (for paging).
    static func pickerPageSize(_ picker: Picker, size: Size) -> Int {
        max(1, pickerHeight(picker, size: size) - 4 - notesHeight(picker, size: size))
    }

    static func render(_ overlay: Overlay, state: DeskState, env: DeskEnvironment, into buffer: inout Buffer, size: Size) -> Position? {
        let screen = Rect(size)
        switch overlay {
        case .picker(let picker):
            let width = pickerWidth(size)
            let height = pickerHeight(picker, size: size)
            let inner = Dialog(title: picker.title, width: width, height: height).render(into: &buffer, over: screen)
            let (intro, below) = inner.splitTop(2)
            if picker.query.isEmpty {
                buffer.write(picker.intro, in: intro, style: .muted)
            } else {
                let count = picker.shown.count
                buffer.write("Narrowed to \(count) of \(picker.options.count): \(picker.query.text)▏   (Esc clears)",
                             in: intro, style: count == 0 ? .error : .accent)
            }
            let notesHeight = min(Self.notesHeight(picker, size: size), max(0, below.height - 2))
            let (rest, notes) = below.splitBottom(notesHeight)
            let lines = notNowLines(picker, size: size)
            for (k, line) in lines.prefix(max(0, notesHeight - 1)).enumerated() {
                let cut = k == notesHeight - 2 && lines.count > notesHeight - 1
                buffer.write(TextFit.truncate(cut ? line + " …" : line, width: notes.width), in: notes.row(k + 1), style: .muted)
            }
            // Names whole when they fit in half the dialog; the details take the rest.
            let nameWidth = min(max(12, inner.width / 2), (picker.options.map { displayWidth($0.label) }.max() ?? 0) + 1)
            let rows = picker.shown.map { TableRow([TableCell($0.label), TableCell($0.detail, style: .muted)]) }
            Table(columns: [TableColumn("", width: .fixed(nameWidth)), TableColumn("", width: .fill(min: 10))],
                  source: ArrayTableSource(rows), state: picker.table, showHeader: false)
                .render(into: &buffer, area: rest)
            return nil
        case .form(let dialog):
            return dialog.form.renderDialog(title: dialog.title, intro: dialog.intro, into: &buffer, over: screen)
        case .palette(let palette):
            let entries = PaletteEntries.matching(palette.input.text, keys: env.keys)
            let width = min(size.width - 4, 90)
            let height = min(size.height - 2, max(6, min(entries.count, 14) + 4))
            let inner = Dialog(title: "Commands", width: width, height: height)
                .render(into: &buffer, at: Rect(x: (size.width - width) / 2, y: 1, width: width, height: height))
            buffer.write(": ", x: inner.x, y: inner.y, style: Style(.accent, [.bold]))
            let cursor = palette.input.render(into: &buffer, area: Rect(x: inner.x + 2, y: inner.y, width: inner.width - 2, height: 1),
                                              focused: true, placeholder: "type to narrow: search, act, deadlines…")
            let rows = entries.map { TableRow([TableCell($0.name), TableCell($0.keys, style: .accent), TableCell($0.help, style: .muted)]) }
            var t = TableState()
            t.select(palette.selected, rowCount: rows.count, pageSize: inner.height - 2)
            Table(columns: [TableColumn("", width: .fixed(16)), TableColumn("", width: .fixed(10)), TableColumn("", width: .fill(min: 10))],
                  source: ArrayTableSource(rows), state: t, showHeader: false, emptyMessage: "no command matches")
                .render(into: &buffer, area: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2))
            return cursor
        case .detail(let d):
            let (width, text, rows) = detailLayout(d, size: size)
            let inner = Dialog(title: d.title, width: width, height: rows + 2).render(into: &buffer, over: screen)
            let first = min(d.offset, max(0, text.count - inner.height))
            for (k, line) in text.dropFirst(first).prefix(inner.height).enumerated() {
                buffer.write(line, in: inner.row(k), style: k + first == 0 ? Style(.header, [.bold]) : .normal)
            }
            return nil
        case .question(let q):
            Confirm(message: q.text, answers: env.keys.hints(["yes", "no"], in: .question)).render(into: &buffer, over: screen)
            return nil
        }
    }
}
